using JasperFx.Events;
using Network.Directory.LocalNetworks;
using Network.Directory.Municipalities;
using Network.Directory.Municipalities.Partnerships;
using Network.Directory.Organisations;
using Network.Directory.People;
using Network.Platform.Outbox;
using Published = Network.Contracts.Directory;

namespace Network.Directory;

/// <summary>What the Directory tells other services, translated from its committed domain events.</summary>
public sealed class IntegrationEvents : IIntegrationEventMap
{
    public IReadOnlyCollection<Type> PublishedDomainEvents { get; } =
        [typeof(OrganisationRegistered), typeof(OrganisationProfileUpdated), typeof(OrganisationVerified),
        typeof(OutOfSightOrganisationRecorded), typeof(OrganisationRejected), typeof(OrganisationResubmitted),
        typeof(OrganisationArchived), typeof(OrganisationClaimed),
        typeof(PersonRecorded), typeof(PersonJoinedOrganisation), typeof(PersonLeftOrganisation), typeof(PersonDetailsCorrected),
        typeof(ConsentGiven), typeof(ConsentWithdrawn), typeof(PersonalDataErased),
        typeof(MunicipalityAdded), typeof(PartnershipRecorded), typeof(PartnershipEnded),
        typeof(LocalNetworkCreated), typeof(LocalNetworkMemberJoined), typeof(LocalNetworkMemberLeft), typeof(LocalNetworkStageChanged)];

    public object? ToIntegrationEvent(IEvent e) => e.Data switch
    {
        OrganisationRegistered r => OrganisationMessages.Registered(r, e.Version),
        OutOfSightOrganisationRecorded r => OrganisationMessages.Registered(r, e.Version),
        OrganisationProfileUpdated u => OrganisationMessages.ProfileUpdated(u, e.Version),
        OrganisationRejected r => new Published.OrganisationRejected(r.OrganisationId, r.Reason, e.Version, r.At),
        OrganisationResubmitted r => new Published.OrganisationResubmitted(r.OrganisationId, e.Version, r.At),
        OrganisationArchived a => new Published.OrganisationArchived(a.OrganisationId, e.Version, a.At),
        OrganisationClaimed c => new Published.OrganisationClaimed(c.OrganisationId, e.Version, c.At),
        OrganisationVerified v => new Published.OrganisationVerified(v.OrganisationId, e.Version, v.At),
        PersonRecorded r => new Published.PersonRecorded(r.PersonId, r.DisplayName, e.Version, r.At),
        PersonJoinedOrganisation j => new Published.PersonJoinedOrganisation(
            j.OrganisationId, j.PersonId, j.Role.ToString(), j.DisplayName, e.Version, j.At),
        PersonLeftOrganisation l => new Published.PersonLeftOrganisation(l.OrganisationId, l.PersonId, e.Version, l.At),
        PersonDetailsCorrected c => new Published.PersonDisplayNameChanged(c.PersonId, c.DisplayName, e.Version, c.At),
        ConsentGiven g => new Published.PersonConsentGiven(g.PersonId, g.Purpose, e.Version, g.At),
        ConsentWithdrawn w => new Published.PersonConsentWithdrawn(w.PersonId, w.Purpose, e.Version, w.At),
        PersonalDataErased x => new Published.PersonErased(x.PersonId, e.Version, x.At),
        MunicipalityAdded m => new Published.MunicipalityAdded(m.Ags, m.Name, m.FederalState, m.IsPilot, m.At),
        PartnershipRecorded p => new Published.PartnershipRecorded(
            p.PartnershipId, p.MunicipalityAgs, p.PartnerName, p.PartnerCountry, p.Since, e.Version, p.At),
        PartnershipEnded p => new Published.PartnershipEnded(p.PartnershipId, p.EndedOn, e.Version, p.At),
        LocalNetworkCreated n => new Published.LocalNetworkCreated(
            n.NetworkId, n.Name, n.MunicipalityAgs, n.CoordinatorOrganisationId, LocalNetworkStage.Initiated.ToString(), e.Version, n.At),
        LocalNetworkMemberJoined j => new Published.LocalNetworkMemberJoined(j.NetworkId, j.OrganisationId, e.Version, j.At),
        LocalNetworkMemberLeft l => new Published.LocalNetworkMemberLeft(l.NetworkId, l.OrganisationId, e.Version, l.At),
        LocalNetworkStageChanged c => new Published.LocalNetworkStageChanged(
            c.NetworkId, c.From.ToString(), c.To.ToString(), c.On, e.Version, c.At),
        _ => null,
    };
}
