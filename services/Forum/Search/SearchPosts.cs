using System.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Forum.Boards;
using Network.Forum.Boards.LocalNetworks;
using Network.Forum.Posts;
using Network.Forum.Posts.Viewing;
using Network.Platform.Http;

namespace Network.Forum.Search;

public sealed record SearchHit(Guid ThreadId, string ThreadTitle, Guid BoardId, PostResponse Post);

public static class SearchPosts
{
    public const int MaxQueryLength = 200;

    /// <summary>
    /// GET /search?q=: posts (and the threads whose title matches, by their posts) in German and English at once, each word
    /// stemmed ("Netzwerke" finds "Netzwerk", "networks" finds "network"); newest first. Filters: board, localNetwork,
    /// organisation (written for), author (the person's id), from and to (written on or after, before). Only boards the caller
    /// reads; a hidden post is never found (moderators included: they find it in the queue).
    /// </summary>
    public static async Task<Ok<Page<SearchHit>>> Handle(
        HttpContext http, IQuerySession session, [FromQuery] string? q, [FromQuery] Guid? board, [FromQuery] Guid? localNetwork,
        [FromQuery] Guid? organisation, [FromQuery] string? author, [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to,
        [FromQuery] int? page, [FromQuery] int? pageSize, CancellationToken ct)
    {
        var validation = new Validation().Required("q", q, MaxQueryLength);
        var paging = Paging.Validate(page, pageSize, validation);
        if (from is not null && to is not null && to <= from) validation.Add("to", "'to' must be after 'from'.");
        validation.ThrowIfInvalid();

        // The boards the caller reads (boards are few: themes and networks), narrowed by the filters.
        var boards = await session.Query<Board>().ToListAsync(ct);
        var networks = (await session.LoadManyAsync<LocalNetworkCopy>(ct, [.. boards.Where(b => b.LocalNetworkId is not null).Select(b => b.Id)]))
            .ToDictionary(n => n.Id);
        var readable = boards.Where(b => http.User.MayRead(new BoardInContext(b, networks.GetValueOrDefault(b.Id))))
            .Where(b => board is null || b.Id == board)
            .Where(b => localNetwork is null || b.LocalNetworkId == localNetwork)
            .Select(b => b.Id).ToArray();

        var where = new StringBuilder("""
            from forum.mt_doc_post p join forum.mt_doc_forumthread t on t.id = p.thread_id
            where t.board_id = any(?) and not coalesce((p.data ->> 'Hidden')::boolean, false)
              and (to_tsvector('german', p.data ->> 'Source') @@ plainto_tsquery('german', ?)
                or to_tsvector('english', p.data ->> 'Source') @@ plainto_tsquery('english', ?)
                or to_tsvector('german', t.data ->> 'Title') @@ plainto_tsquery('german', ?)
                or to_tsvector('english', t.data ->> 'Title') @@ plainto_tsquery('english', ?))
            """);
        var parameters = new List<object> { readable, q!, q!, q!, q! };
        if (organisation is { } org) { where.Append(" and p.data ->> 'OrganisationId' = ?"); parameters.Add(org.ToString()); }
        if (author is not null) { where.Append(" and p.author_id = ?"); parameters.Add(author); }
        if (from is { } since) { where.Append(" and p.created_at >= ?"); parameters.Add(since); }
        if (to is { } until) { where.Append(" and p.created_at < ?"); parameters.Add(until); }

        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var sql = where.ToString().Replace("forum.", $"{schema}.", StringComparison.Ordinal);
        var total = (await session.QueryAsync<long>($"select count(*) {sql}", ct, [.. parameters]))[0];
        var posts = await session.QueryAsync<Post>($"select p.data {sql} order by p.created_at desc, p.id desc limit ? offset ?", ct,
            [.. parameters, paging.Size, (paging.Page - 1) * paging.Size]);
        var threads = (await session.LoadManyAsync<Threads.ForumThread>(ct, [.. posts.Select(p => p.ThreadId).Distinct()])).ToDictionary(t => t.Id);
        var responses = await PostResponse.ManyAsync(session, posts, false, http.Request, ct);
        var hits = responses.Select(r => new SearchHit(r.ThreadId, threads.GetValueOrDefault(r.ThreadId)?.Title ?? "",
            threads.GetValueOrDefault(r.ThreadId)?.BoardId ?? Guid.Empty, r)).ToList();
        return TypedResults.Ok(new Page<SearchHit>(hits, paging.Page, paging.Size, total));
    }
}
