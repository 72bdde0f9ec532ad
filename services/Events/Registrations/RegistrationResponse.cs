using Network.Platform.Text;
using Network.Events.NetworkEvents;

namespace Network.Events.Registrations;

/// <summary>One registration as its person sees it; PositionOnWaitingList is 1-based while waitlisted.</summary>
public sealed record RegistrationResponse(
    Guid EventId, Guid RegistrationId, RegistrationStatus Status, Guid? OrganisationId, DateTimeOffset RegisteredAt,
    int? PositionOnWaitingList, LocalizedText EventTitle, DateTimeOffset EventStart, EventStatus EventStatus)
{
    public static RegistrationResponse From(NetworkEvent e, Registration r, int? position) =>
        From(e, r.Id, r.Status, r.OrganisationId, r.RegisteredAt, position);

    public static RegistrationResponse From(NetworkEvent e, Guid registrationId, RegistrationStatus status, Guid? organisationId,
        DateTimeOffset registeredAt, int? position) =>
        new(e.Id, registrationId, status, organisationId, registeredAt, position, e.Title, e.Start, e.Status);
}
