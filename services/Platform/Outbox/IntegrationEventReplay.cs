using Marten.Events.Daemon.Coordination;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Platform.Outbox;

public sealed record IntegrationEventReplayResponse(string Subscription, long FromSequence, long HighWaterMark);

/// <summary>
/// Publishes a service's integration events again, from a point in its event log: for a consumer that was added
/// (or had its queue deleted) after those events were published. Consumers that already had them drop the copies in
/// their inbox (the message id is the Marten event id), so a replay is safe for everybody.
/// </summary>
public static class IntegrationEventReplay
{
    public const string Path = "/admin/integration-events/replay";

    public static IEndpointRouteBuilder MapIntegrationEventReplay(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, Handle).WithTags("Operations").RequireAuthorization(Policies.Staff);
        return app;
    }

    /// <summary>
    /// POST /admin/integration-events/replay?fromSequence=0 (staff): rewinds the outbox subscription to the given global
    /// event sequence (0 = everything) and lets it publish from there; 202 at once, the publishing runs in the background.
    /// Only the replica that runs the outbox (the HotCold daemon's leader) can do it; another answers 409, retry.
    /// </summary>
    public static async Task<IResult> Handle(long? fromSequence, IProjectionCoordinator coordinator, CancellationToken ct)
    {
        if (fromSequence is < 0)
            new Validation().Add("fromSequence", "'fromSequence' must be 0 (everything) or a positive event sequence.").ThrowIfInvalid();
        var daemon = coordinator.DaemonForMainDatabase();
        if (!daemon.CurrentAgents().Any(a => a.Name.Name == IntegrationEventOutbox.SubscriptionName))
            throw new DomainRuleViolation("This replica does not run the outbox at the moment (another one leads); retry the request.",
                StatusCodes.Status409Conflict, "Not the outbox's replica");
        var from = fromSequence ?? 0;
        await daemon.RewindSubscriptionAsync(IntegrationEventOutbox.SubscriptionName, ct, from);
        return Results.Accepted(value: new IntegrationEventReplayResponse(IntegrationEventOutbox.SubscriptionName, from, daemon.HighWaterMark()));
    }
}
