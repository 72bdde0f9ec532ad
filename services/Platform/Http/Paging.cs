using Marten;
using Marten.Linq;

namespace Network.Platform.Http;

/// <summary>One page of a list, with what a client needs to ask for the next one.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long TotalItems)
{
    public bool HasNextPage => (long)PageNumber * PageSize < TotalItems;

    /// <summary>The same page with each item turned into what the API answers (a stored document into its response).</summary>
    public Page<TResponse> Map<TResponse>(Func<T, TResponse> respond) => WithItems([.. Items.Select(respond)]);

    /// <summary>The same page holding <paramref name="items"/> instead (built from this page's items, in their order).</summary>
    public Page<TResponse> WithItems<TResponse>(IReadOnlyList<TResponse> items) => new(items, PageNumber, PageSize, TotalItems);
}

/// <summary>Paging arguments shared by every list endpoint (1-based page up to <see cref="MaxPage"/>, size 1..100).</summary>
public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>
    /// The highest page number a list accepts: with the largest pages that is ten million items, more than any list
    /// here holds, and the offset <c>(page - 1) * pageSize</c> stays far from overflowing.
    /// </summary>
    public const int MaxPage = 100_000;

    public static (int Page, int Size) Validate(int? page, int? pageSize, Validation validation)
    {
        var p = page ?? 1;
        var s = pageSize ?? DefaultPageSize;
        if (p < 1 || p > MaxPage) validation.Add("page", $"'page' must be between 1 and {MaxPage}.");
        if (s < 1 || s > MaxPageSize) validation.Add("pageSize", $"'pageSize' must be between 1 and {MaxPageSize}.");
        return (p, s);
    }

    /// <summary>
    /// One page of a Marten query and the total. The total comes with the page's rows (<c>count(*) over ()</c>, one
    /// round trip); a page past the end has no row to carry it, so only then the first row is read again to carry it,
    /// and a client paging by the total sees the same total on every page. The query's order must be total (end it
    /// with the id), or an item may show on two pages or on none.
    /// </summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, (int Page, int Size) page, CancellationToken ct) where T : notnull
    {
        var items = await query.Stats(out QueryStatistics stats).Skip((page.Page - 1) * page.Size).Take(page.Size).ToListAsync(ct);
        if (items.Count == 0 && page.Page > 1)
            await query.Stats(out stats).Take(1).ToListAsync(ct); // an ordered query cannot be counted as it is
        return new Page<T>(items, page.Page, page.Size, stats.TotalResults);
    }
}
