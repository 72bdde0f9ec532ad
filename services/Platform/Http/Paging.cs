namespace Network.Platform.Http;

/// <summary>One page of a list, with what a client needs to ask for the next one.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long TotalItems)
{
    public bool HasNextPage => (long)PageNumber * PageSize < TotalItems;
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
}
