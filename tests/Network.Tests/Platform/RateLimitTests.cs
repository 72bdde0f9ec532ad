using System.Net;
using Network.Platform.Http;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Platform;

/// <summary>
/// Issue 9: writes and expensive reads are limited per client (a signed-in caller by subject, anybody else by address),
/// answered with a 429 problem and <c>Retry-After</c>, and a limited caller does not slow anybody else down.
/// A Directory replica with small limits (the test run switches them off elsewhere).
/// </summary>
public class RateLimitTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    [Fact]
    public async Task A_client_over_its_limit_gets_a_429_problem_with_retry_after_and_others_go_on()
    {
        var network = fixture.Network;
        await using var directory = await network.StartDirectoryReplicaAsync(new Dictionary<string, string?>
        {
            [$"{RateLimits.Section}:WritesPerMinute"] = "3",
            [$"{RateLimits.Section}:ExpensiveReadsPerMinute"] = "2",
        });
        var ada = directory.NewClient((await network.PersonAsync("Ada Limit")).AccessToken);
        var ben = directory.NewClient((await network.PersonAsync("Ben Limit")).AccessToken);
        var stored = await HttpAssertions.StoredEvents(network.DirectoryDatabase);

        // Writes: each counts, whether it succeeds or not (these are invalid, a 400 each).
        for (var i = 0; i < 3; i++)
            await (await ada.PostJson("/organisations", new { name = "x" })).AssertProblem(HttpStatusCode.BadRequest);
        var limited = await ada.PostJson("/organisations", new { name = "x" });
        await limited.AssertProblem(HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, $"Retry-After: {limited.Headers.RetryAfter}");
        await (await ben.PostJson("/organisations", new { name = "x" })).AssertProblem(HttpStatusCode.BadRequest); // Ben is not Ada
        Assert.Equal(stored, await HttpAssertions.StoredEvents(network.DirectoryDatabase));

        // Expensive reads: anonymous callers share their address's budget; a signed-in caller has their own.
        var anonymous = directory.NewClient();
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/coverage")).StatusCode);
        var tooMany = await anonymous.GetAsync("/search/organisations?q=Bildung");
        await tooMany.AssertProblem(HttpStatusCode.TooManyRequests);
        Assert.NotNull(tooMany.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await ben.GetAsync("/coverage")).StatusCode);
        // Cheap reads are not limited.
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/vocabularies/themes")).StatusCode);
    }
}
