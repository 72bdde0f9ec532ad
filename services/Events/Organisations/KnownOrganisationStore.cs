using Marten;

namespace Network.Events.Organisations;

/// <summary>How the organisations known from the Directory are stored (documents by id, nothing more).</summary>
public static class KnownOrganisationStore
{
    public static void Configure(StoreOptions store) => store.Schema.For<KnownOrganisation>();
}
