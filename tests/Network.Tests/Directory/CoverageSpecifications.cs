using Network.Platform.Http;
using Network.Directory.Coverage;
using Network.Directory.LocalNetworks;
using Network.Directory.Organisations;
using Xunit;
using static Network.Tests.Specification;

namespace Network.Tests.Directory;

/// <summary>Coverage as a pure function: given these actors and networks, then these counts, missing kinds and gaps.</summary>
public class CoverageSpecifications
{
    const string Bonn = "05314000";

    static CoveredActor Actor(OrganisationKind kind, VerificationState state = VerificationState.Verified, bool shadow = false, string ags = Bonn) =>
        new(ags, kind, state, shadow);

    static LocalNetwork Network(LocalNetworkStage stage = LocalNetworkStage.Initiated)
    {
        var id = Guid.NewGuid();
        var created = new LocalNetworkCreated(id, "Netz", Bonn, Guid.NewGuid(), "K", new DateOnly(2025, 1, 1), "s", DateTimeOffset.UnixEpoch);
        return stage == LocalNetworkStage.Initiated ? Given<LocalNetwork>(created)
            : Given<LocalNetwork>(created, new LocalNetworkStageChanged(id, LocalNetworkStage.Initiated, stage, new DateOnly(2025, 2, 1), "n", "s", DateTimeOffset.UnixEpoch));
    }

    static MunicipalityCoverage Cover(IEnumerable<CoveredActor> actors, IEnumerable<LocalNetwork>? networks = null, string counted = CoverageReport.All) =>
        CoverageReport.For(Bonn, null, actors, networks ?? [Network()], counted);

    static IEnumerable<string> Gaps(MunicipalityCoverage coverage) => coverage.Gaps.Select(g => g.Code);

    [Fact]
    public void Migrant_organisations_without_an_integration_department_is_a_gap()
    {
        var coverage = Cover([Actor(OrganisationKind.MigrantOrganisation), Actor(OrganisationKind.MunicipalInternationalAffairsDepartment)]);
        Assert.Equal(["no-integration-department"], Gaps(coverage));
        Assert.Equal([OrganisationKind.MunicipalIntegrationDepartment, OrganisationKind.OneWorldGroup], coverage.MissingKinds);
    }

    [Fact]
    public void One_world_groups_without_an_international_affairs_department_is_a_gap()
    {
        Assert.Equal(["no-international-affairs-department"], Gaps(Cover(
            [Actor(OrganisationKind.OneWorldGroup), Actor(OrganisationKind.MunicipalIntegrationDepartment), Actor(OrganisationKind.MigrantOrganisation)])));
    }

    [Fact]
    public void Departments_without_migrant_organisations_means_they_are_out_of_sight()
    {
        Assert.Equal(["migrant-organisations-out-of-sight"], Gaps(Cover(
            [Actor(OrganisationKind.MunicipalIntegrationDepartment), Actor(OrganisationKind.MunicipalInternationalAffairsDepartment)])));
    }

    [Fact]
    public void Staff_learn_that_migrant_organisations_are_known_only_unverified_others_see_them_missing()
    {
        CoveredActor[] actors =
        [
            Actor(OrganisationKind.MunicipalIntegrationDepartment), Actor(OrganisationKind.MunicipalInternationalAffairsDepartment),
            Actor(OrganisationKind.OneWorldGroup),
            Actor(OrganisationKind.MigrantOrganisation, VerificationState.Pending, shadow: true),
            Actor(OrganisationKind.MigrantOrganisation, VerificationState.Rejected),
        ];
        var staff = Cover(actors);
        Assert.Equal(["migrant-organisations-unverified"], Gaps(staff));
        Assert.Equal(new KindCoverage(OrganisationKind.MigrantOrganisation, true, 1, 0, 1, 1, 1),
            staff.Kinds.Single(k => k.Kind == OrganisationKind.MigrantOrganisation));

        // What the public is given holds verified entries only (the endpoint filters them): the kind is missing.
        var anonymous = Cover(actors.Where(a => a.Verification == VerificationState.Verified), counted: CoverageReport.Public);
        Assert.Equal(["migrant-organisations-out-of-sight"], Gaps(anonymous));
        Assert.Equal([OrganisationKind.MigrantOrganisation], anonymous.MissingKinds);
        Assert.Null(anonymous.Kinds[0].Pending);
    }

    [Fact]
    public void Actors_without_a_network_or_only_dormant_networks_are_gaps()
    {
        CoveredActor[] complete =
        [
            Actor(OrganisationKind.MunicipalIntegrationDepartment), Actor(OrganisationKind.MunicipalInternationalAffairsDepartment),
            Actor(OrganisationKind.OneWorldGroup), Actor(OrganisationKind.MigrantOrganisation),
        ];
        Assert.Empty(Gaps(Cover(complete)));
        Assert.Equal(["no-local-network"], Gaps(Cover(complete, [])));
        Assert.Equal(["local-networks-dormant"], Gaps(Cover(complete, [Network(LocalNetworkStage.Dormant)])));
        Assert.Empty(Gaps(Cover([], [])));
    }

    [Fact]
    public void Actors_of_other_municipalities_are_not_counted()
    {
        var coverage = Cover([Actor(OrganisationKind.MigrantOrganisation, ags: "01002000")]);
        Assert.Equal(0, coverage.KnownActors);
    }
}
