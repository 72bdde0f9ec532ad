using Network.Directory.Municipalities;
using Published = Network.Contracts.Directory;

namespace Network.Directory.Organisations;

/// <summary>How the organisation's domain events read as integration events (contact e-mail and address stay here).</summary>
public static class OrganisationMessages
{
    public static Published.OrganisationRegistered Registered(OrganisationRegistered r, long version) =>
        Registered(r.OrganisationId, r.Name, r.Kind, r.MunicipalityAgs, r.ShortDescription, r.Details ?? OrganisationDetails.Empty, r.At, version, false);

    public static Published.OrganisationRegistered Registered(OutOfSightOrganisationRecorded r, long version) =>
        Registered(r.OrganisationId, r.Name, r.Kind, r.MunicipalityAgs, r.ShortDescription, r.Details, r.At, version, true);

    static Published.OrganisationRegistered Registered(
        Guid id, string name, OrganisationKind kind, string ags, string shortDescription, OrganisationDetails d,
        DateTimeOffset at, long version, bool shadow) => new(
        id, name, kind.ToString(), ags, shortDescription, version, at, Ags.FederalState(ags),
        d.Themes, d.Countries, d.Languages, d.Sdgs, d.Visibility.ToString(), d.Description.De, d.Description.En, d.Website, shadow);

    public static Published.OrganisationProfileUpdated ProfileUpdated(OrganisationProfileUpdated u, long version)
    {
        var d = u.Details;
        return new(u.OrganisationId, u.Name, u.ShortDescription, version, u.At, u.Kind?.ToString(),
            d?.Themes, d?.Countries, d?.Languages, d?.Sdgs, d?.Visibility.ToString(), d?.Description.De, d?.Description.En, d?.Website);
    }
}
