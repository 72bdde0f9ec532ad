using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Forum.Boards;
using Network.Forum.Posting;
using Network.Platform.Http;

namespace Network.Forum.Threads.Viewing;

public static class GetThread
{
    /// <summary>GET /threads/{id}: a thread of a board the caller may read, with its ETag (the stream version).</summary>
    public static async Task<Ok<ThreadResponse>> Handle(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var thread = await ThreadAccess.ReadableAsync(session, id, http.User, ct);
        var names = await ParticipantNames.LoadAsync(session, [thread.Thread.StartedBy], [], ct);
        http.Response.SetETag(thread.Thread.Version);
        return TypedResults.Ok(ThreadResponse.From(thread.Thread, names));
    }
}
