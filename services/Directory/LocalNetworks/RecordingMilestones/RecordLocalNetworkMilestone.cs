using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.LocalNetworks.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.LocalNetworks.RecordingMilestones;

public sealed record RecordLocalNetworkMilestoneRequest(DateOnly? On, string? Title, string? Note);

public static class RecordLocalNetworkMilestone
{
    /// <summary>A milestone has a past date, not before the network was initiated, and a title.</summary>
    public static IReadOnlyList<object> Decide(
        LocalNetwork current, Guid milestoneId, RecordLocalNetworkMilestoneRequest request, Actor by, DateTimeOffset at)
    {
        new Validation()
            .PastDate("on", request.On, at)
            .Required("title", request.Title, LocalNetworkTexts.MaxTitleLength)
            .MaxLength("note", request.Note, LocalNetworkTexts.MaxNoteLength)
            .ThrowIfInvalid();
        LocalNetwork.EnsureDatedFrom(request.On!.Value, current.InitiatedOn, "The milestone", "the network was initiated", "Milestone not allowed");
        return [new LocalNetworkMilestoneRecorded(
            current.Id, milestoneId, request.On!.Value, request.Title!.Trim(), LocalNetworkTexts.Trimmed(request.Note), by.Id, at)];
    }

    /// <summary>POST /local-networks/{id}/milestones {on, title, note?}: staff or the coordinator; honours If-Match.</summary>
    public static async Task<Ok<LocalNetworkResponse>> Handle(
        Guid id, RecordLocalNetworkMilestoneRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var version = await session.DecideAsync<LocalNetwork>(id, http.Request.ExpectedVersion(), current =>
        {
            http.User.EnsureMayManage(current, "record the network's milestones");
            return Decide(current, Guid.CreateVersion7(), request, http.User.Actor(), clock.GetUtcNow());
        }, ct);
        return TypedResults.Ok(await LocalNetworkResponse.RespondAsync(id, version, http, session, ct));
    }
}
