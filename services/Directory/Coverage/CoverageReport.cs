using Network.Directory.LocalNetworks;
using Network.Directory.Municipalities;
using Network.Directory.Organisations;
using System.Security.Claims;
using Network.Platform.Auth;

namespace Network.Directory.Coverage;

/// <summary>What coverage needs to know of one organisation.</summary>
public sealed record CoveredActor(string MunicipalityAgs, OrganisationKind Kind, VerificationState Verification, bool IsShadow);

/// <summary>
/// The actors of one kind in a municipality. Known = verified + pending (shadow profiles included, rejected ones not).
/// Pending, rejected and shadow are told to staff only (null for everybody else).
/// </summary>
public sealed record KindCoverage(OrganisationKind Kind, bool Expected, int Known, int Verified, int? Pending, int? Rejected, int? Shadow);

/// <summary>A named gap: something the pilot found missing in a local network, with a sentence saying what.</summary>
public sealed record CoverageGap(string Code, string Description);

public sealed record NetworkCoverage(Guid Id, string Name, LocalNetworkStage Stage, DateOnly StageSince, int Members);

/// <param name="Counted">Which entries the counts include: <c>public</c>, <c>members</c> (verified entries visible to members) or <c>all</c> (staff).</param>
public sealed record MunicipalityCoverage(
    string Ags,
    string? Name,
    string FederalState,
    bool IsPilot,
    string Counted,
    int KnownActors,
    IReadOnlyList<KindCoverage> Kinds,
    IReadOnlyList<OrganisationKind> MissingKinds,
    IReadOnlyList<CoverageGap> Gaps,
    IReadOnlyList<NetworkCoverage> LocalNetworks);

public sealed record CoverageOverview(string Counted, IReadOnlyList<MunicipalityCoverage> Municipalities);

/// <summary>
/// Coverage of a municipality: who is known there by kind and verification state, which of the kinds a local
/// network of migration and development needs are missing, the named gaps, and the local networks with their
/// stages. A pure function of what was loaded, so specifications test it without a database.
/// </summary>
public static class CoverageReport
{
    /// <summary>
    /// The kinds every municipality's network needs, after the pilot: the municipality's integration department and
    /// its international-affairs / One World department, migrant organisations and One World groups.
    /// </summary>
    public static readonly IReadOnlyList<OrganisationKind> ExpectedKinds =
    [
        OrganisationKind.MunicipalIntegrationDepartment,
        OrganisationKind.MunicipalInternationalAffairsDepartment,
        OrganisationKind.MigrantOrganisation,
        OrganisationKind.OneWorldGroup,
    ];

    /// <summary>Which entries a caller's counts include: <c>all</c> (staff), <c>members</c> or <c>public</c>.</summary>
    public static string CountedFor(ClaimsPrincipal user) =>
        user.IsStaff() ? All : user.IsSignedIn() ? Members : Public;

    public const string All = "all";
    public const string Members = "members";
    public const string Public = "public";

    /// <param name="counted">What <paramref name="actors"/> holds (<see cref="CountedFor"/>); with <see cref="All"/> the
    /// split into pending, rejected and shadow is told, otherwise only verified entries count.</param>
    public static MunicipalityCoverage For(
        string ags, Municipality? municipality, IEnumerable<CoveredActor> actors, IEnumerable<LocalNetwork> networks, string counted)
    {
        var here = actors.Where(a => a.MunicipalityAgs == ags).ToList();
        var staff = counted == All;
        var kinds = Enum.GetValues<OrganisationKind>().Select(kind =>
        {
            var ofKind = here.Where(a => a.Kind == kind).ToList();
            var verified = ofKind.Count(a => a.Verification == VerificationState.Verified);
            var pending = ofKind.Count(a => a.Verification == VerificationState.Pending);
            return new KindCoverage(
                kind,
                ExpectedKinds.Contains(kind),
                Known: staff ? verified + pending : verified,
                Verified: verified,
                Pending: staff ? pending : null,
                Rejected: staff ? ofKind.Count(a => a.Verification == VerificationState.Rejected) : null,
                Shadow: staff ? ofKind.Count(a => a.IsShadow && a.Verification != VerificationState.Rejected) : null);
        }).ToList();

        var missing = kinds.Where(k => k.Expected && k.Known == 0).Select(k => k.Kind).ToList();
        var localNetworks = networks.Where(n => n.MunicipalityAgs == ags)
            .OrderBy(n => n.Name, StringComparer.Ordinal).ThenBy(n => n.Id)
            .Select(n => new NetworkCoverage(n.Id, n.Name, n.Stage, n.StageSince, n.MemberOrganisationIds.Count))
            .ToList();

        return new MunicipalityCoverage(
            ags,
            municipality?.Name,
            municipality?.FederalState ?? Ags.FederalState(ags),
            municipality?.IsPilot ?? false,
            counted,
            kinds.Sum(k => k.Known),
            kinds,
            missing,
            GapsOf(kinds, localNetworks, staff),
            localNetworks);
    }

    /// <summary>The named gaps, in this order (documented in docs/directory.md, Coverage).</summary>
    static List<CoverageGap> GapsOf(List<KindCoverage> kinds, List<NetworkCoverage> networks, bool staff)
    {
        KindCoverage Of(OrganisationKind kind) => kinds.Single(k => k.Kind == kind);
        var migrants = Of(OrganisationKind.MigrantOrganisation);
        var oneWorld = Of(OrganisationKind.OneWorldGroup);
        var integration = Of(OrganisationKind.MunicipalIntegrationDepartment);
        var international = Of(OrganisationKind.MunicipalInternationalAffairsDepartment);
        var gaps = new List<CoverageGap>();

        if (migrants.Known > 0 && integration.Known == 0)
            gaps.Add(new("no-integration-department",
                $"Migrant organisations known ({migrants.Known}) but no municipal integration department."));
        if (oneWorld.Known > 0 && international.Known == 0)
            gaps.Add(new("no-international-affairs-department",
                $"One World groups known ({oneWorld.Known}) but no municipal department for international affairs / One World."));
        if (integration.Known + international.Known > 0 && migrants.Known == 0)
            gaps.Add(new("migrant-organisations-out-of-sight",
                "Municipal departments known but no migrant organisations: their development work is out of sight."));
        if (staff && migrants.Known > 0 && migrants.Verified == 0)
            gaps.Add(new("migrant-organisations-unverified",
                $"Migrant organisations known ({migrants.Known}) only as pending entries or shadow profiles; none is verified yet."));
        var known = kinds.Sum(k => k.Known);
        if (known > 0 && networks.Count == 0)
            gaps.Add(new("no-local-network", $"Actors known ({known}) but no local network."));
        else if (networks.Count > 0 && networks.All(n => n.Stage == LocalNetworkStage.Dormant))
            gaps.Add(new("local-networks-dormant", "Every local network of the municipality is dormant."));
        return gaps;
    }
}
