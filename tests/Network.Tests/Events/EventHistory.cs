using Network.Events.NetworkEvents;
using Network.Events.Registrations;

namespace Network.Tests.Events;

/// <summary>
/// "Given these events" for the event's decisions: the seat ledger as Marten keeps it (<see cref="NetworkEvent.When"/>) and
/// the registrations as the projection keeps them (<see cref="Registration.Create"/> and <see cref="Registration.Apply"/>),
/// with the lookups the handlers make, answered from them.
/// </summary>
public sealed class EventHistory
{
    readonly List<Registration> registrations = [];

    EventHistory(NetworkEvent state) => State = state;

    public NetworkEvent State { get; private set; }

    public IReadOnlyList<Registration> Registrations => registrations;

    public static EventHistory Of(IEnumerable<object> events)
    {
        EventHistory? history = null;
        long version = 0;
        foreach (var e in events)
        {
            version++;
            var state = NetworkEvent.When(history?.State, e) ?? throw new InvalidOperationException("The first event must be EventCreated.");
            history ??= new EventHistory(state);
            history.State = state;
            if (e is PersonRegistered registered) history.registrations.Add(Registration.Create(registered, version));
            else if (Registration.IdOf(e) is { } id) history.registrations.Single(r => r.Id == id).Apply(e);
        }
        return history ?? throw new InvalidOperationException("No events given.");
    }

    public Registration? RegistrationOf(Guid id) => registrations.SingleOrDefault(r => r.Id == id);

    /// <summary>The person's registrations, oldest first, as <c>RegistrationQueries.OwnFor</c> reads them.</summary>
    public IReadOnlyList<Registration> OwnOf(string personId) => [.. registrations.Where(r => r.PersonId == personId).OrderBy(r => r.Ticket)];

    public IReadOnlyList<Registration> WaitingHead(int count) =>
        [.. registrations.Where(r => r.Status == RegistrationStatus.Waitlisted).OrderBy(r => r.Ticket).Take(Math.Max(0, count))];

    public IReadOnlyList<string> Registrants => [.. registrations.Where(r => r.IsActive).OrderBy(r => r.Ticket).Select(r => r.PersonId)];
}
