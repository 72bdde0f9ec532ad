using Network.Events.AdvisoryRequests;
using Network.Events.Attendance;
using Network.Events.NetworkEvents;
using Network.Platform.Outbox;
using Published = Network.Contracts.Events;

namespace Network.Events;

/// <summary>What the Events service tells other services, translated from its committed domain events.</summary>
public sealed class IntegrationEvents : IntegrationEventMap
{
    public IntegrationEvents()
    {
        Publish<EventPublished>((p, version) => new Published.EventPublished(p.EventId, p.Details.Kind.ToString(), p.Details.Title.De,
            p.Details.Title.En, p.Details.Start, p.Details.End, p.Details.OrganiserId, p.Details.MunicipalityAgs, p.Details.Capacity, version, p.At, p.Details.Themes));
        Publish<EventRescheduled>((r, version) => new Published.EventRescheduled(r.EventId, r.Start, r.End, r.Registrants, version, r.At));
        Publish<EventCancelled>((c, version) => new Published.EventCancelled(c.EventId, c.Reason, c.Registrants, version, c.At));
        Publish<EventHeld>((h, version) => new Published.EventHeld(h.EventId, version, h.At));
        Publish<EventDocumented>((d, version) => new Published.EventDocumented(d.EventId, d.Summary, d.Links, version, d.At));
        Publish<PersonRegistered>((r, version) => r.Status == RegistrationStatus.Confirmed
            ? new Published.RegistrationConfirmed(r.EventId, r.RegistrationId, r.PersonId, r.OrganisationId, version, r.At)
            : new Published.RegistrationWaitlisted(r.EventId, r.RegistrationId, r.PersonId, r.OrganisationId, version, r.At));
        Publish<RegistrationPromoted>((p, version) => new Published.RegistrationPromoted(p.EventId, p.RegistrationId, p.PersonId, version, p.At));
        Publish<RegistrationCancelled>((c, version) => new Published.RegistrationCancelled(c.EventId, c.RegistrationId, c.PersonId, version, c.At));

        Publish<AdvisoryRequestReceived>((r, version) => new Published.AdvisoryRequestReceived(
            r.RequestId, r.Topic, r.Kind.ToString(), r.MunicipalityAgs, r.OrganisationId, version, r.At));
        Publish<AdvisorySessionScheduled>((s, version) => new Published.AdvisoryRequestScheduled(
            s.RequestId, s.Session.Start, s.Session.End, s.Session.MunicipalityAgs, s.Session.OnlineLink is not null, version, s.At));
        Publish<AdvisoryRequestClosed>((c, version) => new Published.AdvisoryRequestClosed(c.RequestId, "Completed", c.Summary, version, c.At));
        Publish<AdvisoryRequestDeclined>((d, version) => new Published.AdvisoryRequestClosed(d.RequestId, "Declined", d.Reason, version, d.At));

        Publish<AttendanceRecorded>((a, version) => new Published.AttendanceRecorded(
            a.EventId, a.RegistrationId, a.PersonId, a.OrganisationId, version, a.At));
        Publish<AttendanceWithdrawn>((w, version) => new Published.AttendanceWithdrawn(w.EventId, w.RegistrationId, w.PersonId, version, w.At));

        PublishErasureConfirmations((person, at) => new Network.Contracts.Events.PersonalDataErasureConfirmed(person, at));
    }
}
