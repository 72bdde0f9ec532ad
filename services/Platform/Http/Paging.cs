using Marten.Pagination;

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

/// <summary>Paging arguments shared by every list endpoint (1-based page, size 1..100).</summary>
public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static (int Page, int Size) Validate(int? page, int? pageSize, Validation validation)
    {
        var p = page ?? 1;
        var s = pageSize ?? DefaultPageSize;
        if (p < 1) validation.Add("page", "'page' starts at 1.");
        if (s < 1 || s > MaxPageSize) validation.Add("pageSize", $"'pageSize' must be between 1 and {MaxPageSize}.");
        return (p, s);
    }

    /// <summary>
    /// One page of a Marten query and the total in one round trip (Marten's paged list). The query's order must be
    /// total (end it with the id), or an item may show on two pages or on none.
    /// </summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, (int Page, int Size) page, CancellationToken ct)
    {
        var items = await query.ToPagedListAsync(page.Page, page.Size, ct);
        return new Page<T>([.. items], page.Page, page.Size, items.TotalItemCount);
    }
}
