using System.Text;

namespace Network.Platform.Http;

/// <summary>
/// One page of a list read by keyset: the items, and the cursor of the next page (null on the last). Unlike a page
/// number, the cursor names the last item seen, so items added meanwhile never push an item onto the next page twice,
/// and reading the last page costs what reading the first does (an index seek, no offset to skip).
/// </summary>
public sealed record KeysetPage<T>(IReadOnlyList<T> Items, string? Next)
{
    public KeysetPage<TResponse> Map<TResponse>(Func<T, TResponse> respond) => new([.. Items.Select(respond)], Next);
}

/// <summary>
/// Cursors of keyset paging: the sort key of the last item seen, opaque to clients (base64url of its parts). A cursor
/// that does not decode is a 400 naming the query parameter, never a 500.
/// </summary>
public static class Keyset
{
    public const int DefaultPageSize = Paging.DefaultPageSize;
    public const int MaxPageSize = Paging.MaxPageSize;

    public static string Encode(params string[] parts) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('\n', parts))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The parts of <paramref name="cursor"/>, which must have <paramref name="count"/>; a broken one is a field error.</summary>
    public static string[]? Decode(string? cursor, int count, string field, Validation validation)
    {
        if (cursor is null) return null;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('\n');
            if (parts.Length == count) return parts;
        }
        catch (FormatException)
        {
        }
        validation.Add(field, $"'{field}' must be a cursor returned as 'next' by this list.");
        return null;
    }

    public static int ValidateSize(int? pageSize, Validation validation)
    {
        var size = pageSize ?? DefaultPageSize;
        if (size < 1 || size > MaxPageSize) validation.Add("pageSize", $"'pageSize' must be between 1 and {MaxPageSize}.");
        return size;
    }

    /// <summary>
    /// The page from <paramref name="rows"/>, read with one row more than <paramref name="size"/>: that row only tells that
    /// a next page exists, and the cursor is the key of the page's last item.
    /// </summary>
    public static KeysetPage<T> ToKeysetPage<T>(this IReadOnlyList<T> rows, int size, Func<T, string> cursorOf)
    {
        var items = rows.Count > size ? rows.Take(size).ToList() : rows;
        return new KeysetPage<T>(items, rows.Count > size ? cursorOf(items[^1]) : null);
    }
}
