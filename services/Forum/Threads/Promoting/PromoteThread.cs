using System.Text.RegularExpressions;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Forum.Boards;
using Network.Forum.Moderation.Hiding;
using Network.Forum.Moderation.Locking;
using Network.Forum.Posting;
using Network.Forum.Posts;
using Network.Forum.Threads.Viewing;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Forum.Threads.Promoting;

public sealed record PromoteThreadRequest(string? Summary, string? Language);

public static partial class PromoteThread
{
    public const int MaxSummaryLength = 4000;

    /// <summary>Once per thread (409 when promoted already).</summary>
    public static IReadOnlyList<object> Decide(ForumThread thread, Board board, IReadOnlyList<Guid> organisations, string summary, string language,
        Participant by, DateTimeOffset at)
    {
        if (thread.PromotedAt is { } promoted)
            throw new DomainRuleViolation($"Thread '{thread.Id}' was promoted to a good practice on {promoted:yyyy-MM-dd} already.",
                StatusCodes.Status409Conflict, "Promoted already");
        return [new ThreadPromoted(thread.Id, thread.BoardId, thread.Title, summary, language, board.Themes, organisations,
            board.MunicipalityAgs, board.LocalNetworkId, by, ForumThread.Stored(at))];
    }

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageCode();

    /// <summary>
    /// POST /threads/{id}/promotion: staff only; the integration event <c>ThreadPromotedToGoodPractice</c> carries what the
    /// Knowledge service needs to open a draft good practice that links back here. Honours If-Match.
    /// </summary>
    public static async Task<Ok<ThreadResponse>> Handle(Guid id, PromoteThreadRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation().Required("summary", request.Summary, MaxSummaryLength);
        if (request.Language is null || !LanguageCode().IsMatch(request.Language))
            v.Add("language", "'language' is the summary's ISO 639-1 code: two lower-case letters, e.g. \"de\" or \"en\".");
        v.ThrowIfInvalid();
        var expected = http.Request.ExpectedVersion();
        var thread = await ThreadAccess.ReadableAsync(session, id, http.User, ct);
        // The organisations that wrote in it: read once, at the promotion, which is rare.
        var organisations = await session.Query<Post>().Where(p => p.ThreadId == id && p.OrganisationId != null)
            .Select(p => p.OrganisationId!.Value).Distinct().ToListAsync(ct);
        var by = HidePost.Moderator(http);
        var decision = await session.DecideExclusivelyAsync<ForumThread>(id, expected,
            (current, _) => Task.FromResult(Decide(current, thread.Board.Board, [.. organisations], request.Summary!.Trim(), request.Language!, by, clock.GetUtcNow())),
            ct, "Thread");
        return await LockThread.Respond(session, decision, http, ct);
    }
}
