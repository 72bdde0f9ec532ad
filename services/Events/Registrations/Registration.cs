using Network.Events.Attendance;
using Network.Events.NetworkEvents;

namespace Network.Events.Registrations;

/// <summary>
/// One person's registration for an event, a document of its own (written in the transaction of the event that made
/// it, by <see cref="RegistrationsProjection"/>), so an event's stream and snapshot stay small however many register:
/// the seat decision needs counts (<see cref="NetworkEvent"/>), and a lookup or two by index, never the whole list.
/// </summary>
public sealed class Registration
{
    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public string PersonId { get; set; } = "";
    public string PersonName { get; set; } = "";
    public Guid? OrganisationId { get; set; }
    public RegistrationStatus Status { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public bool Attended { get; set; }

    /// <summary>The version of the event's stream that registered them: the order of registration and of the waiting list.</summary>
    public long Ticket { get; set; }

    public bool IsActive => Status != RegistrationStatus.Cancelled;

    public static Registration Create(PersonRegistered e, long ticket) => new()
    {
        Id = e.RegistrationId, EventId = e.EventId, PersonId = e.PersonId, PersonName = e.PersonName,
        OrganisationId = e.OrganisationId, Status = e.Status, RegisteredAt = e.At, Ticket = ticket,
    };

    /// <summary>The one fold of a registration after its first event (the projection and the specifications use it).</summary>
    public void Apply(object e)
    {
        switch (e)
        {
            case RegistrationCancelled: Status = RegistrationStatus.Cancelled; break;
            case RegistrationPromoted: Status = RegistrationStatus.Confirmed; break;
            case AttendanceRecorded: Attended = true; break;
            case AttendanceWithdrawn: Attended = false; break;
        }
    }

    /// <summary>The registration an event of the event's stream concerns, if it concerns one.</summary>
    public static Guid? IdOf(object e) => e switch
    {
        PersonRegistered r => r.RegistrationId,
        RegistrationCancelled c => c.RegistrationId,
        RegistrationPromoted p => p.RegistrationId,
        AttendanceRecorded a => a.RegistrationId,
        AttendanceWithdrawn w => w.RegistrationId,
        _ => null,
    };
}
