using System.Diagnostics;

namespace Network.Platform.EventStore;

/// <summary>
/// W3C trace context as stored on every Marten event (event headers), so the outbox can continue the trace
/// of the HTTP request that caused the event when it publishes, possibly seconds later.
/// </summary>
public static class TraceHeaders
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
    public const string ActorId = "actor-id";

    public static readonly ActivitySource Source = new("Network.Platform");

    public static ActivityContext? ParentFrom(IReadOnlyDictionary<string, object>? headers)
    {
        if (headers is null || !headers.TryGetValue(TraceParent, out var parent) || parent?.ToString() is not { } traceParent)
            return null;
        headers.TryGetValue(TraceState, out var state);
        return ActivityContext.TryParse(traceParent, state?.ToString(), out var context) ? context : null;
    }
}
