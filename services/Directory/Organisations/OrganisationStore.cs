using Marten;
using Network.Directory.Organisations.OutOfSight;
using Network.Platform.Aggregates;

namespace Network.Directory.Organisations;

/// <summary>How the organisations are stored: the inline snapshot the API reads, its indexes, the invitations beside it.</summary>
public static class OrganisationStore
{
    public static void Configure(StoreOptions store)
    {
        store.AddAggregate<Organisation, IOrganisationEvent>().Index(o => o.MunicipalityAgs).Index(o => o.Kind);
        DuplicateNames.Configure(store);
        store.Schema.For<OrganisationInvitation>().UniqueIndex(o => o.TokenHash).Index(o => o.OrganisationId);
    }
}
