using Microsoft.Extensions.DependencyInjection;
using Network.Directory.Coverage;
using Network.Directory.Organisations;
using Network.Platform.EventStore;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>
/// Issue 9: anonymous readers cannot make the Directory load every organisation on each call. Coverage is computed once
/// per class of caller and served again until the Directory changes; a change shows at the next call.
/// </summary>
public class CoverageCacheTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    const string Bonn = "05314000";
    readonly DirectorySeed seed = new(fixture.Network);
    ReadCache Cache => fixture.Network.Directory.Services.GetRequiredService<ReadCache>();

    static async Task<MunicipalityCoverage> BonnOf(HttpClient client) =>
        (await (await client.GetAsync($"{DirectorySeed.Api}/coverage")).ReadAs<CoverageOverview>()).Municipalities.Single(m => m.Ags == Bonn);

    [Fact]
    public async Task Many_anonymous_calls_compute_coverage_once_and_a_change_shows_at_the_next_call()
    {
        await seed.Verified(new("Sankofa Cache Bonn", "MigrantOrganisation", Bonn));
        var anonymous = seed.Anonymous;
        var first = await BonnOf(anonymous);
        var computations = Cache.Computations;

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => BonnOf(anonymous)));
        Assert.All(answers, a => Assert.Equal(first.KnownActors, a.KnownActors));
        Assert.Equal(computations, Cache.Computations); // 40 calls, nothing recomputed

        // The municipality's own report is served from the same computation.
        var bonn = await (await anonymous.GetAsync($"{DirectorySeed.Api}/coverage/{Bonn}")).ReadAs<MunicipalityCoverage>();
        Assert.Equal(first.KnownActors, bonn.KnownActors);
        Assert.Equal(computations, Cache.Computations);

        // A newly verified organisation counts at once: the append moved the event sequence.
        await seed.Verified(new("Weltladen Cache Bonn", "OneWorldGroup", Bonn));
        var after = await BonnOf(anonymous);
        Assert.Equal(first.KnownActors + 1, after.KnownActors);
        Assert.Equal(1, after.Kinds.Single(k => k.Kind == OrganisationKind.OneWorldGroup).Verified - first.Kinds.Single(k => k.Kind == OrganisationKind.OneWorldGroup).Verified);
        Assert.True(Cache.Computations > computations);

        // Staff are a class of their own: they see the pending entry the public does not.
        await seed.Pending(new("Neuer Verein Cache Bonn", "MigrantOrganisation", Bonn));
        var staff = await BonnOf(seed.Staff);
        var pending = staff.Kinds.Single(k => k.Kind == OrganisationKind.MigrantOrganisation).Pending;
        Assert.True(pending >= 1, $"staff see {pending} pending migrant organisations");
        Assert.Null((await BonnOf(anonymous)).Kinds.Single(k => k.Kind == OrganisationKind.MigrantOrganisation).Pending);
    }
}
