using Network.Directory.LocalNetworks;
using Network.Directory.Municipalities;
using Network.Directory.Municipalities.Partnerships;
using Network.Directory.Organisations;
using Network.Directory.People;
using Network.Platform.Outbox;
using Published = Network.Contracts.Directory;

namespace Network.Directory;

/// <summary>What the Directory tells other services, translated from its committed domain events.</summary>
public sealed class IntegrationEvents : IntegrationEventMap
{
    public IntegrationEvents()
    {
        Publish<OrganisationRegistered>(OrganisationMessages.Registered);
        Publish<OutOfSightOrganisationRecorded>(OrganisationMessages.Registered);
        Publish<OrganisationProfileUpdated>(OrganisationMessages.ProfileUpdated);
        Publish<OrganisationRejected>((r, version) => new Published.OrganisationRejected(r.OrganisationId, r.Reason, version, r.At));
        Publish<OrganisationResubmitted>((r, version) => new Published.OrganisationResubmitted(r.OrganisationId, version, r.At));
        Publish<OrganisationArchived>((a, version) => new Published.OrganisationArchived(a.OrganisationId, version, a.At));
        Publish<OrganisationClaimed>((c, version) => new Published.OrganisationClaimed(c.OrganisationId, version, c.At));
        Publish<OrganisationVerified>((v, version) => new Published.OrganisationVerified(v.OrganisationId, version, v.At));

        Publish<PersonRecorded>((r, version) => new Published.PersonRecorded(r.PersonId, r.DisplayName, version, r.At));
        Publish<PersonJoinedOrganisation>((j, version) => new Published.PersonJoinedOrganisation(
            j.OrganisationId, j.PersonId, j.Role.ToString(), j.DisplayName, version, j.At));
        Publish<PersonLeftOrganisation>((l, version) => new Published.PersonLeftOrganisation(l.OrganisationId, l.PersonId, version, l.At));
        Publish<PersonDetailsCorrected>((c, version) => new Published.PersonDisplayNameChanged(c.PersonId, c.DisplayName, version, c.At));
        Publish<ConsentGiven>((g, version) => new Published.PersonConsentGiven(g.PersonId, g.Purpose, version, g.At));
        Publish<ConsentWithdrawn>((w, version) => new Published.PersonConsentWithdrawn(w.PersonId, w.Purpose, version, w.At));
        Publish<PersonalDataErased>((x, version) => new Published.PersonErased(x.PersonId, version, x.At));

        Publish<MunicipalityAdded>((m, _) => new Published.MunicipalityAdded(m.Ags, m.Name, m.FederalState, m.IsPilot, m.At));
        Publish<PartnershipRecorded>((p, version) => new Published.PartnershipRecorded(
            p.PartnershipId, p.MunicipalityAgs, p.PartnerName, p.PartnerCountry, p.Since, version, p.At));
        Publish<PartnershipEnded>((p, version) => new Published.PartnershipEnded(p.PartnershipId, p.EndedOn, version, p.At));

        Publish<LocalNetworkCreated>((n, version) => new Published.LocalNetworkCreated(
            n.NetworkId, n.Name, n.MunicipalityAgs, n.CoordinatorOrganisationId, LocalNetworkStage.Initiated.ToString(), version, n.At));
        Publish<LocalNetworkMemberJoined>((j, version) => new Published.LocalNetworkMemberJoined(j.NetworkId, j.OrganisationId, version, j.At));
        Publish<LocalNetworkMemberLeft>((l, version) => new Published.LocalNetworkMemberLeft(l.NetworkId, l.OrganisationId, version, l.At));
        Publish<LocalNetworkStageChanged>((c, version) => new Published.LocalNetworkStageChanged(
            c.NetworkId, c.From.ToString(), c.To.ToString(), c.On, version, c.At));
    }
}
