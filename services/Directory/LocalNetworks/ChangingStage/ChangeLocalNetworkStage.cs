using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.LocalNetworks.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.LocalNetworks.ChangingStage;

/// <param name="On">the day the network reached the stage.</param>
/// <param name="Note">what happened (required: the history must say why the stage changed).</param>
public sealed record ChangeLocalNetworkStageRequest(LocalNetworkStage? Stage, DateOnly? On, string? Note);

public static class ChangeLocalNetworkStage
{
    public static IReadOnlyList<object> Decide(LocalNetwork current, ChangeLocalNetworkStageRequest request, Actor by, DateTimeOffset at)
    {
        new Validation()
            .Defined("stage", request.Stage)
            .PastDate("on", request.On, at)
            .Required("note", request.Note, LocalNetworkTexts.MaxNoteLength)
            .ThrowIfInvalid();

        var to = request.Stage!.Value;
        if (LocalNetworkStages.WhyNot(current, to) is { } reason)
            throw new DomainRuleViolation(reason, title: "Stage change not allowed");
        LocalNetwork.EnsureDatedFrom(
            request.On!.Value, current.StageSince, "The stage change", "the network reached its current stage", "Stage change not allowed");
        return [new LocalNetworkStageChanged(current.Id, current.Stage, to, request.On!.Value, request.Note!.Trim(), by.Id, at)];
    }

    /// <summary>POST /local-networks/{id}/stage {stage, on, note}: staff or the coordinator; honours If-Match.</summary>
    public static async Task<Ok<LocalNetworkResponse>> Handle(
        Guid id, ChangeLocalNetworkStageRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var version = await session.DecideAsync<LocalNetwork>(id, http.Request.ExpectedVersion(), current =>
        {
            http.User.EnsureMayManage(current, "change the network's stage");
            return Decide(current, request, http.User.Actor(), clock.GetUtcNow());
        }, ct);
        return TypedResults.Ok(await LocalNetworkResponse.RespondAsync(id, version, http, session, ct));
    }
}
