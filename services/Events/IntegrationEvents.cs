using JasperFx.Events;
using Network.Events.AdvisoryRequests;
using Network.Events.Attendance;
using Network.Events.NetworkEvents;
using Network.Platform.Outbox;
using Published = Network.Contracts.Events;

namespace Network.Events;

/// <summary>What the Events service tells other services, translated from its committed domain events.</summary>
public sealed class IntegrationEvents : IIntegrationEventMap
{
    public IReadOnlyCollection<Type> PublishedDomainEvents { get; } =
        [typeof(EventPublished), typeof(EventRescheduled), typeof(EventCancelled), typeof(EventHeld), typeof(EventDocumented),
        typeof(PersonRegistered), typeof(RegistrationPromoted), typeof(RegistrationCancelled),
        typeof(AdvisoryRequestReceived), typeof(AdvisorySessionScheduled), typeof(AdvisoryRequestClosed), typeof(AdvisoryRequestDeclined),
        typeof(AttendanceRecorded), typeof(AttendanceWithdrawn)];

    public object? ToIntegrationEvent(IEvent e) => e.Data switch
    {
        EventPublished p => new Published.EventPublished(p.EventId, p.Details.Kind.ToString(), p.Details.Title.De, p.Details.Title.En,
            p.Details.Start, p.Details.End, p.Details.OrganiserId, p.Details.MunicipalityAgs, p.Details.Capacity, e.Version, p.At),
        EventRescheduled r => new Published.EventRescheduled(r.EventId, r.Start, r.End, r.Registrants, e.Version, r.At),
        EventCancelled c => new Published.EventCancelled(c.EventId, c.Reason, c.Registrants, e.Version, c.At),
        EventHeld h => new Published.EventHeld(h.EventId, e.Version, h.At),
        EventDocumented d => new Published.EventDocumented(d.EventId, d.Summary, d.Links, e.Version, d.At),
        PersonRegistered { Status: RegistrationStatus.Confirmed } r =>
            new Published.RegistrationConfirmed(r.EventId, r.RegistrationId, r.PersonId, r.OrganisationId, e.Version, r.At),
        PersonRegistered r => new Published.RegistrationWaitlisted(r.EventId, r.RegistrationId, r.PersonId, r.OrganisationId, e.Version, r.At),
        RegistrationPromoted p => new Published.RegistrationPromoted(p.EventId, p.RegistrationId, p.PersonId, e.Version, p.At),
        RegistrationCancelled c => new Published.RegistrationCancelled(c.EventId, c.RegistrationId, c.PersonId, e.Version, c.At),
        AdvisoryRequestReceived r => new Published.AdvisoryRequestReceived(
            r.RequestId, r.Topic, r.Kind.ToString(), r.MunicipalityAgs, r.OrganisationId, e.Version, r.At),
        AdvisorySessionScheduled s => new Published.AdvisoryRequestScheduled(
            s.RequestId, s.Session.Start, s.Session.End, s.Session.MunicipalityAgs, s.Session.OnlineLink is not null, e.Version, s.At),
        AdvisoryRequestClosed c => new Published.AdvisoryRequestClosed(c.RequestId, "Completed", c.Summary, e.Version, c.At),
        AdvisoryRequestDeclined d => new Published.AdvisoryRequestClosed(d.RequestId, "Declined", d.Reason, e.Version, d.At),
        AttendanceRecorded a => new Published.AttendanceRecorded(a.EventId, a.RegistrationId, a.PersonId, a.OrganisationId, e.Version, a.At),
        AttendanceWithdrawn w => new Published.AttendanceWithdrawn(w.EventId, w.RegistrationId, w.PersonId, e.Version, w.At),
        _ => null,
    };
}
