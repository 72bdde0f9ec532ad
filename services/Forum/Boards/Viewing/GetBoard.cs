using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Http;

namespace Network.Forum.Boards.Viewing;

public static class GetBoard
{
    /// <summary>GET /boards/{id}: a board the caller may read, with its ETag.</summary>
    public static async Task<Ok<BoardResponse>> Handle(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var board = await BoardAccess.ReadableAsync(session, id, http.User, ct);
        http.Response.SetETag(board.Board.Version);
        return TypedResults.Ok(BoardResponse.From(board.Board));
    }
}
