using Network.Partners.Catalogue;

namespace Network.Partners.Subscriptions;

/// <summary>
/// Event-type filters: a catalogue type (<c>network.directory.organisation.verified.v1</c>), or a prefix ending in
/// <c>*</c> at a dot (<c>network.directory.*</c>, <c>network.directory.organisation.*</c>, <c>*</c> for all). A filter that
/// matches no catalogue type is refused, so a typing error does not silently subscribe to nothing.
/// </summary>
public static class EventTypeFilter
{
    public const int MaxFilters = 50;

    public static bool Matches(string filter, string type) =>
        filter == "*" || (filter.EndsWith(".*", StringComparison.Ordinal) ? type.StartsWith(filter[..^1], StringComparison.Ordinal) : filter == type);

    public static bool Matches(IEnumerable<string> filters, string type) => filters.Any(f => Matches(f, type));

    /// <summary>Why the filter is not acceptable, or null.</summary>
    public static string? Refuse(string filter)
    {
        if (filter.Length is 0 or > 200) return "An event type filter has 1 to 200 characters.";
        if (filter.IndexOf('*') is var star && star >= 0 && (star != filter.Length - 1 || (filter.Length > 1 && filter[^2] != '.')))
            return $"'{filter}': a wildcard is a trailing '*' after a dot (network.directory.*) or '*' alone.";
        if (!PublicEvents.All.Any(t => Matches(filter, t.Type)))
            return $"'{filter}' matches no public event type; the catalogue is at GET /event-types.";
        return null;
    }
}
