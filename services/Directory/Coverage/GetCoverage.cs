using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Network.Directory.LocalNetworks;
using Network.Directory.Municipalities;
using Network.Directory.Organisations;
using Network.Directory.Organisations.Viewing;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Directory.Coverage;

/// <summary>
/// GET /coverage (every municipality in use) and GET /coverage/{ags}, as JSON, or as CSV with the <c>.csv</c> suffix
/// or <c>Accept: text/csv</c>. Anybody may ask; the counts include what the caller may see (see <see cref="CoverageReport"/>).
/// </summary>
public static class GetCoverage
{
    public static Task<Results<Ok<MunicipalityCoverage>, ContentHttpResult>> Handle(
        string ags, HttpContext http, IQuerySession session, CancellationToken ct) =>
        Municipality(ags, WantsCsv(http), http, session, ct);

    public static Task<Results<Ok<MunicipalityCoverage>, ContentHttpResult>> HandleCsv(
        string ags, HttpContext http, IQuerySession session, CancellationToken ct) =>
        Municipality(ags, csv: true, http, session, ct);

    public static Task<Results<Ok<CoverageOverview>, ContentHttpResult>> HandleAll(HttpContext http, IQuerySession session, CancellationToken ct) =>
        All(WantsCsv(http), http, session, ct);

    public static Task<Results<Ok<CoverageOverview>, ContentHttpResult>> HandleAllCsv(HttpContext http, IQuerySession session, CancellationToken ct) =>
        All(csv: true, http, session, ct);

    static async Task<Results<Ok<MunicipalityCoverage>, ContentHttpResult>> Municipality(
        string ags, bool csv, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        new Validation().MunicipalityKey("ags", ags).ThrowIfInvalid();

        var municipality = await session.LoadAsync<Municipality>(ags, ct);
        var actors = await Actors(session, http.User, ags, ct);
        var networks = await session.Query<LocalNetwork>().Where(n => n.MunicipalityAgs == ags).ToListAsync(ct);
        if (municipality is null && actors.Count == 0 && networks.Count == 0)
            throw new ResourceNotFound("Municipality", ags);

        var coverage = CoverageReport.For(ags, municipality, actors, networks, CoverageReport.CountedFor(http.User));
        return csv ? Csv(http, $"coverage-{ags}.csv", [coverage]) : TypedResults.Ok(coverage);
    }

    static async Task<Results<Ok<CoverageOverview>, ContentHttpResult>> All(bool csv, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var counted = CoverageReport.CountedFor(http.User);
        var municipalities = (await session.Query<Municipality>().ToListAsync(ct)).ToDictionary(m => m.Id);
        var actors = await Actors(session, http.User, null, ct);
        var networks = await session.Query<LocalNetwork>().ToListAsync(ct);

        // In use: added to the directory, or named by an organisation or a network the caller may count.
        var inUse = municipalities.Keys
            .Concat(actors.Select(a => a.MunicipalityAgs))
            .Concat(networks.Select(n => n.MunicipalityAgs))
            .Where(Ags.IsValid)
            .Distinct()
            .Order(StringComparer.Ordinal);
        var report = inUse
            .Select(ags => CoverageReport.For(ags, municipalities.GetValueOrDefault(ags), actors, networks, counted))
            .ToList();
        return csv ? Csv(http, "coverage.csv", report) : TypedResults.Ok(new CoverageOverview(counted, report));
    }

    /// <summary>The organisations a caller may count: not archived; verified unless the caller is staff.</summary>
    static async Task<IReadOnlyList<CoveredActor>> Actors(IQuerySession session, System.Security.Claims.ClaimsPrincipal user, string? ags, CancellationToken ct)
    {
        var query = session.Query<Organisation>().VisibleTo(user).Where(o => !o.IsArchived);
        if (!user.IsStaff()) query = query.Where(o => o.Verification == VerificationState.Verified);
        if (ags is not null) query = query.Where(o => o.MunicipalityAgs == ags);
        var rows = await query
            .Select(o => new CoveredActorRow { MunicipalityAgs = o.MunicipalityAgs, Kind = o.Kind, Verification = o.Verification, IsShadow = o.IsShadow })
            .ToListAsync(ct);
        return rows.Select(r => new CoveredActor(r.MunicipalityAgs, r.Kind, r.Verification, r.IsShadow)).ToList();
    }

    /// <summary>The projection Marten selects into (a settable shape it can fill from JSON).</summary>
    sealed class CoveredActorRow
    {
        public string MunicipalityAgs { get; set; } = "";
        public OrganisationKind Kind { get; set; }
        public VerificationState Verification { get; set; }
        public bool IsShadow { get; set; }
    }

    static bool WantsCsv(HttpContext http) =>
        http.Request.GetTypedHeaders().Accept is { Count: > 0 } accept &&
        accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)) &&
        !accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) && a.Quality is null or >= 1);

    static ContentHttpResult Csv(HttpContext http, string fileName, IEnumerable<MunicipalityCoverage> coverage)
    {
        http.Response.Headers[HeaderNames.ContentDisposition] = $"inline; filename=\"{fileName}\"";
        http.Response.Headers[HeaderNames.Vary] = HeaderNames.Accept;
        return TypedResults.Text(CoverageCsv.Write(coverage), CoverageCsv.ContentType);
    }
}
