using Network.Events.NetworkEvents;

namespace Network.Events.Registrations;

/// <summary>One registration as its person sees it; PositionOnWaitingList is 1-based while waitlisted.</summary>
public sealed record RegistrationResponse(
    Guid EventId, Guid RegistrationId, RegistrationStatus Status, Guid? OrganisationId, DateTimeOffset RegisteredAt,
    int? PositionOnWaitingList, LocalizedText EventTitle, DateTimeOffset EventStart, EventStatus EventStatus)
{
    public static RegistrationResponse From(NetworkEvent e, Registration r)
    {
        var position = e.WaitingList.Select((w, i) => (w.RegistrationId, i)).Where(x => x.RegistrationId == r.RegistrationId).Select(x => (int?)x.i + 1).FirstOrDefault();
        return new(e.Id, r.RegistrationId, r.Status, r.OrganisationId, r.RegisteredAt, position, e.Title, e.Start, e.Status);
    }
}
