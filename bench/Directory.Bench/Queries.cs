using System.Security.Claims;
using Network.Directory.Organisations;
using Network.Directory.Search;
using Network.Platform.Auth;

namespace Network.Bench.Directory;

/// <summary>A representative search, three ways: the Directory's query, its HTTP endpoint, and hand-written SQL.</summary>
public sealed record BenchQuery(string Name, OrganisationSearch Search, bool AsStaff, string HttpQuery, Func<RawBaseline, RawQuery> Raw)
{
    public ClaimsPrincipal User => AsStaff
        ? new ClaimsPrincipal(new ClaimsIdentity([new Claim(NetworkClaims.Role, Roles.Staff)], "bench", NetworkClaims.Name, NetworkClaims.Role))
        : new ClaimsPrincipal(new ClaimsIdentity());
}

public static class Queries
{
    const string Public = "data ->> 'Verification' = 'Verified' and data -> 'Details' ->> 'Visibility' = 'Public' and not (data ->> 'IsArchived')::boolean";
    const string NotArchived = "not (data ->> 'IsArchived')::boolean";
    const string ByName = "data ->> 'Name', id";

    static string Text(RawBaseline raw) =>
        $"({RawBaseline.GermanVector} @@ websearch_to_tsquery('german', $1) or {RawBaseline.EnglishVector} @@ websearch_to_tsquery('english', $1))";

    static string Rank(RawBaseline raw) =>
        $"ts_rank({RawBaseline.GermanVector}, websearch_to_tsquery('german', $1)) desc, ts_rank({RawBaseline.EnglishVector}, websearch_to_tsquery('english', $1)) desc, {ByName}";

    public static readonly IReadOnlyList<BenchQuery> All =
    [
        new("municipality + kind (public, by name)",
            new OrganisationSearch(Kind: OrganisationKind.MigrantOrganisation, MunicipalityAgs: "05314000"), false,
            "municipality=05314000&kind=MigrantOrganisation",
            _ => new RawQuery($"{Public} and data ->> 'MunicipalityAgs' = $1 and data ->> 'Kind' = $2", ByName, ["05314000", "MigrantOrganisation"])),
        new("text, German: 'Bildung' (public, by relevance)",
            new OrganisationSearch(Text: "Bildung", Sort: SearchSort.Relevance), false,
            "q=Bildung",
            raw => new RawQuery($"{Public} and {Text(raw)}", Rank(raw), ["Bildung"])),
        new("text, German: 'Bildung' (public, by name: no ranking)",
            new OrganisationSearch(Text: "Bildung", Sort: SearchSort.Name), false,
            "q=Bildung&sort=name",
            raw => new RawQuery($"{Public} and {Text(raw)}", ByName, ["Bildung"])),
        new("text, English: 'diaspora music' (public, by relevance)",
            new OrganisationSearch(Text: "diaspora music", Sort: SearchSort.Relevance), false,
            "q=diaspora%20music",
            raw => new RawQuery($"{Public} and {Text(raw)}", Rank(raw), ["diaspora music"])),
        new("text + municipality: 'Klimagerechtigkeit' in Leipzig (public, by relevance)",
            new OrganisationSearch(Text: "Klimagerechtigkeit", MunicipalityAgs: "14713000", Sort: SearchSort.Relevance), false,
            "q=Klimagerechtigkeit&municipality=14713000",
            raw => new RawQuery($"{Public} and data ->> 'MunicipalityAgs' = $2 and {Text(raw)}", Rank(raw), ["Klimagerechtigkeit", "14713000"])),
        new("theme + state, newest first (public)",
            new OrganisationSearch(FederalState: "Nordrhein-Westfalen", Theme: "education", Sort: SearchSort.RegisteredAtDescending), false,
            "theme=education&state=05&sort=-registeredAt",
            _ => new RawQuery($"{Public} and data ->> 'FederalState' = $1 and data -> 'Details' -> 'Themes' @> $2::jsonb",
                "(data ->> 'RegisteredAt')::timestamptz desc, id", ["Nordrhein-Westfalen", "[\"education\"]"])),
        new("pending in München (staff, by name)",
            new OrganisationSearch(MunicipalityAgs: "09162000", Verification: VerificationState.Pending), true,
            "municipality=09162000&verification=Pending",
            _ => new RawQuery($"{NotArchived} and data ->> 'MunicipalityAgs' = $1 and data ->> 'Verification' = $2", ByName, ["09162000", "Pending"])),
    ];
}
