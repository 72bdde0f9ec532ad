using System.Text.RegularExpressions;
using Marten;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Events.NetworkEvents;

/// <summary>Checks shared by the event's use cases.</summary>
public static partial class EventRules
{
    public const int MaxCapacity = 100_000;

    /// <summary>The longest web address an event takes (an online link, a documentation link).</summary>
    public const int MaxLinkLength = 2000;
    public const int MaxThemes = 20;

    [GeneratedRegex("^[a-z]{2}$")] public static partial Regex LanguageCode();

    /// <summary>
    /// End after start, and a registration window that opens before it closes and closes by the end; all four within the
    /// platform's calendar (<see cref="Validation.EarliestDay"/>..<see cref="Validation.LatestDay"/>).
    /// </summary>
    public static Validation Schedule(this Validation v, DateTimeOffset? start, DateTimeOffset? end, DateTimeOffset? opens, DateTimeOffset? closes)
    {
        if (start is null) v.Add("start", "'start' is required (with its offset, e.g. 2027-03-01T10:00:00+01:00).");
        if (end is null) v.Add("end", "'end' is required (with its offset).");
        if (start is not null && end is not null && end <= start) v.Add("end", "'end' must be after 'start'.");
        if (opens is null) v.Add("registrationOpens", "'registrationOpens' is required.");
        if (closes is null) v.Add("registrationCloses", "'registrationCloses' is required.");
        if (opens is not null && closes is not null && closes <= opens)
            v.Add("registrationCloses", "'registrationCloses' must be after 'registrationOpens'.");
        if (closes is not null && end is not null && closes > end)
            v.Add("registrationCloses", "'registrationCloses' must not be after the event's 'end'.");
        return v.Moment("start", start).Moment("end", end).Moment("registrationOpens", opens).Moment("registrationCloses", closes);
    }

    /// <summary>Capacity 0 is allowed: everybody goes on the waiting list until staff raise it.</summary>
    public static Validation Capacity(this Validation v, int? capacity) =>
        capacity is null ? v.Add("capacity", "'capacity' is required.")
        : capacity < 0 || capacity > MaxCapacity ? v.Add("capacity", $"'capacity' must be between 0 and {MaxCapacity}.")
        : v;

    public static void EnsureStatus(NetworkEvent current, string action, params EventStatus[] allowed)
    {
        if (!allowed.Contains(current.Status))
            throw new DomainRuleViolation($"Event '{current.Id}' is {current.Status}; it cannot be {action} (only when {string.Join(" or ", allowed)}).");
    }
}

/// <summary>
/// Every change of an event's stream is written under its row lock (see <c>StreamWriting.DecideExclusivelyAsync</c>):
/// concurrent registrations are serialised, each decision sees every earlier registration, none can overbook.
/// </summary>
public static class ExclusiveWriting
{
    public static Task<Decision<NetworkEvent>> DecideExclusivelyAsync(
        this IDocumentSession session, Guid id, long? expectedVersion, Func<NetworkEvent, IReadOnlyList<object>> decide, CancellationToken ct) =>
        session.DecideExclusivelyAsync<NetworkEvent>(id, expectedVersion, (e, _) => Task.FromResult(decide(e)), ct, resourceName: "Event");

    /// <summary>For a decision that also reads registrations (in the transaction holding the lock).</summary>
    public static Task<Decision<NetworkEvent>> DecideExclusivelyAsync(
        this IDocumentSession session, Guid id, long? expectedVersion,
        Func<NetworkEvent, CancellationToken, Task<IReadOnlyList<object>>> decide, CancellationToken ct) =>
        session.DecideExclusivelyAsync<NetworkEvent>(id, expectedVersion, decide, ct, resourceName: "Event");
}
