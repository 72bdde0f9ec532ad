using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Marten.Services.BatchQuerying;
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

/// <summary>
/// Keeps <see cref="Registration"/> documents in step with the event streams, inline (same transaction as the append). A
/// registration is inserted without a read; a later change reads its one document. Partial: JasperFx's source generator
/// registers the document type it writes (for rebuilds and teardown).
/// </summary>
public sealed partial class RegistrationsProjection : EventProjection
{
    public RegistrationsProjection()
    {
        IncludeType<PersonRegistered>();
        IncludeType<RegistrationCancelled>();
        IncludeType<RegistrationPromoted>();
        IncludeType<AttendanceRecorded>();
        IncludeType<AttendanceWithdrawn>();
    }

    public override async ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (e.Data is PersonRegistered registered)
        {
            operations.Insert(Registration.Create(registered, e.Version));
            return;
        }
        if (Registration.IdOf(e.Data) is { } id && await operations.LoadAsync<Registration>(id, cancellation) is { } registration)
        {
            registration.Apply(e.Data);
            operations.Update(registration);
        }
    }

    /// <summary>One active registration per person and event, also in the database (the decision checks it first).</summary>
    public const string OneActivePerPerson = "ux_registration_active_person";

    public static void Configure(StoreOptions store)
    {
        store.Projections.Add(new RegistrationsProjection(), JasperFx.Events.Projections.ProjectionLifecycle.Inline);
        store.Schema.For<Registration>()
            .Index([r => r.EventId, r => r.PersonId], index =>
            {
                index.Name = OneActivePerPerson;
                index.IsUnique = true;
                index.Predicate = "(data ->> 'Status') <> 'Cancelled'";
            })
            .Index([r => r.EventId, r => r.Status, r => r.Ticket])
            .Index(r => r.PersonId);
    }
}

/// <summary>The lookups the registration use cases need, each by index and bounded.</summary>
public static class RegistrationQueries
{
    /// <summary>The person's active registration for the event, if any, read in a batch (e.g. the one that takes the event's lock).</summary>
    public static Task<Registration?> ActiveOf(this IBatchedQuery batch, Guid eventId, string personId) =>
        batch.Query<Registration>()
            .FirstOrDefault(r => r.EventId == eventId && r.PersonId == personId && r.Status != RegistrationStatus.Cancelled);

    public static async Task<Registration?> OfEventAsync(this IQuerySession session, Guid eventId, Guid registrationId, CancellationToken ct) =>
        await session.LoadAsync<Registration>(registrationId, ct) is { } r && r.EventId == eventId ? r : null;

    /// <summary>The first <paramref name="count"/> on the waiting list, in order.</summary>
    public static async Task<IReadOnlyList<Registration>> WaitingHeadAsync(this IQuerySession session, Guid eventId, int count, CancellationToken ct) =>
        count <= 0 ? [] : await session.Query<Registration>()
            .Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.Ticket).Take(count).ToListAsync(ct);

    /// <summary>1-based, while waitlisted: how many wait before them, plus one.</summary>
    public static async Task<int?> PositionOnWaitingListAsync(this IQuerySession session, Registration registration, CancellationToken ct) =>
        registration.Status != RegistrationStatus.Waitlisted ? null
            : await session.Query<Registration>().CountAsync(r => r.EventId == registration.EventId
                && r.Status == RegistrationStatus.Waitlisted && r.Ticket < registration.Ticket, ct) + 1;

    /// <summary>The subjects of everybody confirmed or waiting (for a reschedule or cancellation, who must be told).</summary>
    public static async Task<IReadOnlyList<string>> RegistrantsAsync(this IQuerySession session, Guid eventId, CancellationToken ct) =>
        await session.Query<Registration>()
            .Where(r => r.EventId == eventId && r.Status != RegistrationStatus.Cancelled)
            .OrderBy(r => r.Ticket).Select(r => r.PersonId).ToListAsync(ct);
}
