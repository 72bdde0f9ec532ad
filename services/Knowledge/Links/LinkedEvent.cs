using Marten;
using Marten.Schema;
using MassTransit;
using Network.Contracts.Events;
using Network.Platform.Inbox;

namespace Network.Knowledge.Links;

/// <summary>Where an event of the Events service stands, as the Knowledge service last heard.</summary>
public enum LinkedEventStatus { Published, Held, Documented, Cancelled }

/// <summary>
/// The Knowledge service's copy of an event of the Events service, from its integration events: what an item's links show (its
/// title, its dates after a rescheduling, whether it was held, documented or cancelled). Messages can arrive out of order, so
/// each part remembers the event-stream version it came from and never goes back.
/// </summary>
[UseOptimisticConcurrency]
public sealed class LinkedEvent
{
    public Guid Id { get; set; }
    public bool Published { get; set; }
    public string? TitleDe { get; set; }
    public string? TitleEn { get; set; }
    public string? Kind { get; set; }
    public Guid? OrganiserId { get; set; }
    /// <summary>The event's themes (keys of the Directory's vocabulary): what <c>/analysis/themes</c> compares good practice with.</summary>
    public List<string> Themes { get; set; } = [];
    public DateTimeOffset? Start { get; set; }
    public DateTimeOffset? End { get; set; }
    public long DatesVersion { get; set; }
    public LinkedEventStatus Status { get; set; }
    public long StatusVersion { get; set; }
    /// <summary>The summary the organiser documented the held event with.</summary>
    public string? Summary { get; set; }

    public void Dates(DateTimeOffset start, DateTimeOffset end, long version)
    {
        if (version <= DatesVersion) return;
        (Start, End, DatesVersion) = (start, end, version);
    }

    /// <summary>Cancelled and documented are final; held follows published; a late, older status changes nothing.</summary>
    public void Became(LinkedEventStatus status, long version)
    {
        if (version <= StatusVersion) return;
        (Status, StatusVersion) = (status, version);
    }
}

/// <summary>Keeps <see cref="LinkedEvent"/> in step with the Events service's events, each applied once.</summary>
public sealed class EventsConsumer(IDocumentStore store) :
    IConsumer<EventPublished>, IConsumer<EventRescheduled>, IConsumer<EventCancelled>, IConsumer<EventHeld>, IConsumer<EventDocumented>
{
    public Task Consume(ConsumeContext<EventPublished> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.EventId, linked =>
        {
            (linked.Published, linked.TitleDe, linked.TitleEn, linked.Kind, linked.OrganiserId) = (true, e.TitleDe, e.TitleEn, e.Kind, e.OrganiserId);
            linked.Themes = [.. e.Themes ?? []];
            linked.Dates(e.Start, e.End, e.Version);
            linked.Became(LinkedEventStatus.Published, e.Version);
        }, context.CancellationToken));

    public Task Consume(ConsumeContext<EventRescheduled> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.EventId,
            linked => linked.Dates(e.Start, e.End, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<EventCancelled> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.EventId,
            linked => linked.Became(LinkedEventStatus.Cancelled, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<EventHeld> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.EventId,
            linked => linked.Became(LinkedEventStatus.Held, e.Version), context.CancellationToken));

    public Task Consume(ConsumeContext<EventDocumented> context) =>
        store.HandleOnceAsync(context, this, (session, e) => Change(session, e.EventId, linked =>
        {
            linked.Summary = e.Summary;
            linked.Became(LinkedEventStatus.Documented, e.Version);
        }, context.CancellationToken));

    static Task Change(IDocumentSession session, Guid id, Action<LinkedEvent> change, CancellationToken ct) =>
        session.ChangeAsync(id, () => new LinkedEvent { Id = id }, change, ct);
}
