using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Forum.Boards.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Forum.Boards.ChangingVisibility;

public sealed record ChangeBoardVisibilityRequest(BoardVisibility? Visibility);

public static class ChangeBoardVisibility
{
    /// <summary>Network visibility only for a local network's board; the same visibility again changes nothing.</summary>
    public static IReadOnlyList<object> Decide(Board current, BoardVisibility visibility, Actor by, DateTimeOffset at)
    {
        if (visibility == BoardVisibility.Network && current.Kind != BoardKind.LocalNetwork)
            throw new DomainRuleViolation($"Board '{current.Id}' is thematic; only a local network's board can be read by its network alone.");
        return current.Visibility == visibility ? [] : [new BoardVisibilityChanged(current.Id, visibility, by.Id, at)];
    }

    /// <summary>PUT /boards/{id}/visibility: staff, or the coordinators of the board's network; honours If-Match.</summary>
    public static async Task<Ok<BoardResponse>> Handle(
        Guid id, ChangeBoardVisibilityRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        new Validation().Defined("visibility", request.Visibility).ThrowIfInvalid();
        var board = await BoardAccess.ReadableAsync(session, id, http.User, ct);
        if (!http.User.MayModerate(board.Board)) throw new Forbidden("Only staff or the network's coordinators may change who reads this board.");
        var version = await session.DecideAsync<Board>(id, http.Request.ExpectedVersion(),
            current => Decide(current, request.Visibility!.Value, http.User.Actor(), clock.GetUtcNow()), ct);
        var changed = await session.LoadAsync<Board>(id, ct);
        http.Response.SetETag(version);
        return TypedResults.Ok(BoardResponse.From(changed!));
    }
}
