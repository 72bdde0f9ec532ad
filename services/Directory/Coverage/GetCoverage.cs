using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Network.Directory.LocalNetworks;
using Network.Directory.Municipalities;
using Network.Directory.Organisations;
using Network.Directory.Organisations.Viewing;
using Network.Platform.EventStore;
using Network.Platform.Exports;
using Network.Platform.Http;

namespace Network.Directory.Coverage;

/// <summary>
/// GET /coverage (every municipality in use) and GET /coverage/{ags}, as JSON, or as a file with the suffix
/// <c>.csv</c>, <c>.xlsx</c> or <c>.json</c> (<see cref="CoverageExport"/>; CSV also for <c>Accept: text/csv</c>).
/// Anybody may ask; the counts include what the caller's class may see (see <see cref="CoverageReport"/>), from a report
/// computed once per change of the Directory (<see cref="ReadCache"/>).
/// </summary>
public static class GetCoverage
{
    public static async Task<Results<Ok<MunicipalityCoverage>, ExportFile<MunicipalityCoverage>>> Handle(
        string ags, HttpContext http, IQuerySession session, ReadCache cache, CancellationToken ct)
    {
        var coverage = await Municipality(ags, http, session, cache, ct);
        return WantsCsv(http) ? File(http, ExportFormat.Csv, $"coverage-{ags}", [coverage]) : TypedResults.Ok(coverage);
    }

    public static async Task<ExportFile<MunicipalityCoverage>> HandleExport(
        string ags, string format, HttpContext http, IQuerySession session, ReadCache cache, CancellationToken ct)
    {
        var coverage = await Municipality(ags, http, session, cache, ct);
        return File(http, ExportFormats.Parse(format), $"coverage-{ags}", [coverage]);
    }

    public static async Task<Results<Ok<CoverageOverview>, ExportFile<MunicipalityCoverage>>> HandleAll(
        HttpContext http, IQuerySession session, ReadCache cache, CancellationToken ct)
    {
        var overview = await Overview(http, session, cache, ct);
        return WantsCsv(http) ? File(http, ExportFormat.Csv, "coverage", overview.Municipalities) : TypedResults.Ok(overview);
    }

    public static async Task<ExportFile<MunicipalityCoverage>> HandleAllExport(
        string format, HttpContext http, IQuerySession session, ReadCache cache, CancellationToken ct)
    {
        var overview = await Overview(http, session, cache, ct);
        return File(http, ExportFormats.Parse(format), "coverage", overview.Municipalities);
    }

    static async Task<MunicipalityCoverage> Municipality(string ags, HttpContext http, IQuerySession session, ReadCache cache, CancellationToken ct)
    {
        new Validation().MunicipalityKey("ags", ags).ThrowIfInvalid();

        // Every municipality in use is in the overview; one that is not has nothing to report.
        var overview = await Overview(http, session, cache, ct);
        return overview.Municipalities.FirstOrDefault(m => m.Ags == ags) ?? throw new ResourceNotFound("Municipality", ags);
    }

    /// <summary>
    /// The report for the caller's class (public, members, staff: <see cref="CoverageReport.CountedFor"/>), computed once
    /// and served again until the Directory's next change (<see cref="ReadCache"/>), so anonymous readers cannot make the
    /// service load every organisation on each call.
    /// </summary>
    static Task<CoverageOverview> Overview(HttpContext http, IQuerySession session, ReadCache cache, CancellationToken ct)
    {
        var counted = CoverageReport.CountedFor(http.User);
        return cache.GetAsync(session, $"coverage:{counted}", token => Compute(counted, session, token), ct);
    }

    static async Task<CoverageOverview> Compute(string counted, IQuerySession session, CancellationToken ct)
    {
        var municipalities = (await session.Query<Municipality>().ToListAsync(ct)).ToDictionary(m => m.Id);
        var actors = (await Actors(session, counted, ct)).ToLookup(a => a.MunicipalityAgs);
        var networks = (await session.Query<LocalNetwork>().ToListAsync(ct)).ToLookup(n => n.MunicipalityAgs);

        // In use: added to the directory, or named by an organisation or a network the class may count.
        var inUse = municipalities.Keys
            .Concat(actors.Select(a => a.Key))
            .Concat(networks.Select(n => n.Key))
            .Where(Ags.IsValid)
            .Distinct()
            .Order(StringComparer.Ordinal);
        var report = inUse
            .Select(ags => CoverageReport.For(ags, municipalities.GetValueOrDefault(ags), actors[ags], networks[ags], counted))
            .ToList();
        return new CoverageOverview(counted, report);
    }

    /// <summary>
    /// The organisations a class may count: not archived; for everybody but staff verified and listed for them (public
    /// entries; for members also the members' ones). An organisation listed for staff only counts for staff alone, also
    /// when a member of it asks: the counts are the same for every caller of a class.
    /// </summary>
    static async Task<IReadOnlyList<CoveredActor>> Actors(IQuerySession session, string counted, CancellationToken ct)
    {
        var query = session.Query<Organisation>().Where(o => !o.IsArchived);
        if (counted == CoverageReport.Public)
            query = query.Where(o => o.Verification == VerificationState.Verified && o.Details.Visibility == Visibility.Public);
        else if (counted == CoverageReport.Members)
            query = query.Where(o => o.Verification == VerificationState.Verified &&
                                     (o.Details.Visibility == Visibility.Public || o.Details.Visibility == Visibility.Members));
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

    /// <summary>The report is in memory already (cached); the file is written from it row by row.</summary>
    static ExportFile<MunicipalityCoverage> File(HttpContext http, ExportFormat format, string fileName, IReadOnlyList<MunicipalityCoverage> coverage)
    {
        http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        return Export.File(CoverageExport.Table, format, coverage.ToAsyncEnumerable(), fileName, http);
    }
}
