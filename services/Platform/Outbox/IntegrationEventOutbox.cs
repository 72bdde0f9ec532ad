using System.Diagnostics;
using System.Diagnostics.Metrics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;
using Network.Platform.EventStore;

namespace Network.Platform.Outbox;

/// <summary>
/// The event store is the outbox: this Marten subscription reads committed events in sequence order and
/// publishes their integration events through MassTransit with publisher confirms. The daemon moves the
/// subscription's progress only after this method returns, and it returns only when the broker confirmed
/// every message of the page, so nothing committed is lost while RabbitMQ is down and nothing uncommitted is
/// ever published. A page is retried inside this method rather than by throwing: a thrown exception pauses the
/// subscription and nothing would restart it (Marten #5294). Each message id is the Marten event id, so a
/// page re-sent after a crash is dropped by the consumers' inbox.
/// </summary>
public sealed class IntegrationEventOutbox : SubscriptionBase
{
    public const string SubscriptionName = "integration-event-outbox";
    public const string EventSequenceHeader = "Network-Event-Sequence";

    static readonly Meter Meter = new("Network.Platform");
    static readonly Counter<long> Published = Meter.CreateCounter<long>("network.outbox.published", "{message}");
    static readonly Counter<long> FailedAttempts = Meter.CreateCounter<long>("network.outbox.failed_attempts", "{attempt}");
    static readonly Histogram<double> AppendToConfirm = Meter.CreateHistogram<double>(
        "network.outbox.append_to_confirm", "ms", "Time from the event's commit to the broker's confirm");

    readonly IIntegrationEventMap map;
    readonly IBus bus;
    readonly ILogger<IntegrationEventOutbox> logger;
    readonly TimeProvider clock;

    /// <summary>How long one publish may wait for the broker's confirm before the page is tried again.</summary>
    public static TimeSpan ConfirmTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IntegrationEventOutbox(IIntegrationEventMap map, IBus bus, ILogger<IntegrationEventOutbox> logger, TimeProvider clock)
    {
        this.map = map;
        this.bus = bus;
        this.logger = logger;
        this.clock = clock;
        Name = SubscriptionName;
        foreach (var type in map.PublishedDomainEvents) IncludeType(type);
        // Every message of a page is in flight at once and the page ends with the slowest confirm: larger pages wait
        // for that tail less often (a backlog of 5,000 drained about a quarter faster than with pages of 500).
        Options.BatchSize = 2000;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken ct)
    {
        var pending = page.Events
            .Select(e => (Event: e, Message: map.ToIntegrationEvent(e)))
            .Where(x => x.Message is not null)
            .Select(x => new Outgoing(x.Event, x.Message!))
            .ToList();

        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            // One deadline for the attempt's confirms, not a timer per message.
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attemptTimeout.CancelAfter(ConfirmTimeout);
            var results = await Task.WhenAll(pending.Select(m => TryPublishAsync(m, attemptTimeout.Token, ct)));
            var failed = pending.Where((_, i) => !results[i]).ToList();
            if (failed.Count == 0) break;

            FailedAttempts.Add(1);
            var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, Math.Min(attempt, 6))));
            logger.LogWarning(
                "Outbox: {Failed} of {Total} integration events in sequence range {Floor}..{Ceiling} not confirmed by the broker (attempt {Attempt}); retrying in {Delay} ms",
                failed.Count, pending.Count, page.SequenceFloor, page.SequenceCeiling, attempt, delay.TotalMilliseconds);
            pending = failed;
            await Task.Delay(delay, ct);
        }

        return NoChangeListener.Instance;
    }

    async Task<bool> TryPublishAsync(Outgoing outgoing, CancellationToken deadline, CancellationToken ct)
    {
        var (domainEvent, message) = outgoing;
        using var activity = TraceHeaders.Source.StartActivity(
            $"outbox publish {message.GetType().Name}", ActivityKind.Producer,
            TraceHeaders.ParentFrom(domainEvent.Headers) ?? default);
        activity?.SetTag("network.event.sequence", domainEvent.Sequence);
        activity?.SetTag("network.event.stream", domainEvent.StreamId);

        try
        {
            await bus.Publish(message, message.GetType(), Pipe.Execute<PublishContext>(context =>
            {
                context.MessageId = domainEvent.Id;
                context.CorrelationId = domainEvent.StreamId == Guid.Empty ? null : domainEvent.StreamId;
                context.Headers.Set(EventSequenceHeader, domainEvent.Sequence);
            }), deadline);

            Published.Add(1);
            AppendToConfirm.Record((clock.GetUtcNow() - domainEvent.Timestamp).TotalMilliseconds);
            return true;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            logger.LogDebug(ex, "Outbox: publish of event {EventId} failed", domainEvent.Id);
            return false;
        }
    }

    sealed record Outgoing(IEvent Event, object Message);
}
