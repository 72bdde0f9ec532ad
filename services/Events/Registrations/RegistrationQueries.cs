using System.Linq.Expressions;
using Marten;
using Marten.Linq;
using Marten.Services.BatchQuerying;
using Network.Events.NetworkEvents;
using Network.Events.Registrations.Registering;

namespace Network.Events.Registrations;

/// <summary>The lookups the registration use cases need, each by index and bounded.</summary>
public static class RegistrationQueries
{
    /// <summary>
    /// The person's registrations for the event (cancelled ones too; at most one active), read in a batch (the one that
    /// takes the event's lock): enough to tell whether they are registered and how often they registered before, at most
    /// <see cref="RegisterForEvent.MaxRegistrationsPerPerson"/> of them. A compiled query: every registration runs it,
    /// and Marten plans it once instead of parsing the LINQ per call.
    /// </summary>
    public static async Task<IReadOnlyList<Registration>> OwnFor(this IBatchedQuery batch, Guid eventId, string personId) =>
        [.. await batch.Query(new Own { EventId = eventId, PersonId = personId })];

    /// <summary>The registrations of <see cref="PersonId"/> for <see cref="EventId"/>, oldest first, at most the cap.</summary>
    public sealed class Own : ICompiledListQuery<Registration>
    {
        public Guid EventId { get; set; }
        public string PersonId { get; set; } = "";

        public Expression<Func<IMartenQueryable<Registration>, IEnumerable<Registration>>> QueryIs() =>
            registrations => registrations.Where(r => r.EventId == EventId && r.PersonId == PersonId)
                .OrderBy(r => r.Ticket).Take(RegisterForEvent.MaxRegistrationsPerPerson);
    }

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
