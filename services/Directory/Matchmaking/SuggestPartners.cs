using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.LocalNetworks;
using Network.Directory.Municipalities;
using Network.Directory.Organisations;
using Network.Directory.Organisations.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.Matchmaking;

public enum Proximity { SameMunicipality, SameFederalState, Elsewhere }

/// <summary>One organisation suggested to another, with why.</summary>
public sealed record Suggestion(
    Guid OrganisationId,
    string Name,
    OrganisationKind Kind,
    string MunicipalityAgs,
    string FederalState,
    Proximity Proximity,
    int Score,
    IReadOnlyList<string> SharedThemes,
    IReadOnlyList<string> SharedCountries,
    IReadOnlyList<int> SharedSdgs,
    IReadOnlyList<string> Reasons);

/// <summary>
/// GET /organisations/{id}/suggestions: the organisations an organisation is not yet connected with (connected = members
/// of the same local network), nearest first, then by what they share. The formula (docs/directory.md, Matchmaking):
/// proximity tier (same municipality, same federal state, elsewhere) first; within a tier the score
/// 3 x shared themes + 2 x shared countries + 1 x shared SDGs, highest first; ties by name (ordinal), then id.
/// Candidates outside the municipality that share nothing are left out; in the municipality everybody is a candidate.
/// </summary>
public static class SuggestPartners
{
    public const int ThemeWeight = 3;
    public const int CountryWeight = 2;
    public const int SdgWeight = 1;

    /// <summary>The ranking, pure: same input, same list.</summary>
    public static IReadOnlyList<Suggestion> Rank(
        Organisation organisation,
        IEnumerable<Organisation> candidates,
        IReadOnlySet<Guid> connected,
        Func<string, string?> municipalityName)
    {
        return candidates
            .Where(c => c.Id != organisation.Id && !connected.Contains(c.Id)
                        && c.Verification == VerificationState.Verified && !c.IsArchived)
            .Select(c => Suggest(organisation, c, municipalityName))
            .Where(s => s.Proximity == Proximity.SameMunicipality || s.Score > 0)
            .OrderBy(s => s.Proximity)
            .ThenByDescending(s => s.Score)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ThenBy(s => s.OrganisationId)
            .ToList();
    }

    static Suggestion Suggest(Organisation organisation, Organisation candidate, Func<string, string?> municipalityName)
    {
        var proximity = candidate.MunicipalityAgs == organisation.MunicipalityAgs ? Proximity.SameMunicipality
            : candidate.FederalState == organisation.FederalState ? Proximity.SameFederalState
            : Proximity.Elsewhere;
        var themes = organisation.Details.Themes.Intersect(candidate.Details.Themes).Order(StringComparer.Ordinal).ToList();
        var countries = organisation.Details.Countries.Intersect(candidate.Details.Countries).Order(StringComparer.Ordinal).ToList();
        var sdgs = organisation.Details.Sdgs.Intersect(candidate.Details.Sdgs).Order().ToList();
        var score = ThemeWeight * themes.Count + CountryWeight * countries.Count + SdgWeight * sdgs.Count;

        var reasons = new List<string>();
        if (proximity == Proximity.SameMunicipality)
            reasons.Add($"same municipality: {municipalityName(candidate.MunicipalityAgs) ?? candidate.MunicipalityAgs}");
        else if (proximity == Proximity.SameFederalState)
            reasons.Add($"same federal state: {candidate.FederalState}");
        if (themes.Count > 0) reasons.Add($"shares themes: {string.Join(", ", themes)}");
        if (countries.Count > 0) reasons.Add($"shares countries: {string.Join(", ", countries)}");
        if (sdgs.Count > 0) reasons.Add($"shares SDGs: {string.Join(", ", sdgs)}");

        return new Suggestion(candidate.Id, candidate.Name, candidate.Kind, candidate.MunicipalityAgs, candidate.FederalState,
            proximity, score, themes, countries, sdgs, reasons);
    }

    /// <summary>Staff, or members of the organisation; candidates are verified, not archived, and visible to the caller's class.</summary>
    public static async Task<Ok<Page<Suggestion>>> Handle(
        Guid id, HttpContext http, IQuerySession session, ReadCache cache, int? page, int? pageSize, CancellationToken ct)
    {
        var validation = new Validation();
        var (pageNumber, size) = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();

        var organisation = await session.LoadAsync<Organisation>(id, ct);
        if (organisation is null || !http.User.MayActFor(id))
        {
            // A member asking about somebody else's organisation learns nothing about whether it exists.
            if (organisation is not null && http.User.MaySee(organisation))
                throw new Forbidden("Only staff or members of this organisation ask for its suggestions.");
            throw new ResourceNotFound("Organisation", id);
        }
        if (organisation.IsArchived)
            throw new DomainRuleViolation($"Organisation '{id}' is archived; archived organisations get no suggestions.");

        var networks = await session.Query<LocalNetwork>().Where(n => n.MemberOrganisationIds.Contains(id)).ToListAsync(ct);
        var connected = networks.SelectMany(n => n.MemberOrganisationIds).ToHashSet();

        var (candidates, names) = await CandidatesAsync(http.User, session, cache, ct);

        var ranked = Rank(organisation, candidates, connected, ags => names.GetValueOrDefault(ags));
        return TypedResults.Ok(new Page<Suggestion>(
            ranked.Skip((pageNumber - 1) * size).Take(size).ToList(), pageNumber, size, ranked.Count));
    }

    sealed record Candidates(IReadOnlyList<Organisation> Organisations, IReadOnlyDictionary<string, string> MunicipalityNames);

    /// <summary>
    /// Every verified, not archived organisation a class of caller may see (staff: all; members: the public and the
    /// members' entries), with the municipalities' names: loaded once per change of the Directory (<see cref="ReadCache"/>)
    /// instead of on every call. Ranking them stays per call.
    /// </summary>
    static async Task<(IReadOnlyList<Organisation>, IReadOnlyDictionary<string, string>)> CandidatesAsync(
        System.Security.Claims.ClaimsPrincipal user, IQuerySession session, ReadCache cache, CancellationToken ct)
    {
        var staff = user.IsStaff();
        var candidates = await cache.GetAsync(session, staff ? "suggestion-candidates:staff" : "suggestion-candidates:members", async token =>
        {
            var query = session.Query<Organisation>().Where(o => o.Verification == VerificationState.Verified && !o.IsArchived);
            if (!staff) query = query.Where(o => o.Details.Visibility == Visibility.Public || o.Details.Visibility == Visibility.Members);
            var organisations = await query.ToListAsync(token);
            var names = (await session.Query<Municipality>().ToListAsync(token)).ToDictionary(m => m.Id, m => m.Name);
            return new Candidates(organisations, names);
        }, ct);
        return (candidates.Organisations, candidates.MunicipalityNames);
    }
}
