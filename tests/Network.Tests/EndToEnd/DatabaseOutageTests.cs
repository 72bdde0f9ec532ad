using System.Net;
using Network.Tests.Hosting;
using Network.Tests.Infrastructure;
using Xunit;

namespace Network.Tests.EndToEnd;

/// <summary>When PostgreSQL is gone, callers are told to come back (503 with Retry-After), never given a bare 500.</summary>
public class DatabaseOutageTests
{
    [Fact]
    public async Task While_the_database_is_down_reads_and_writes_get_a_503_problem_with_retry_after()
    {
        await using var postgres = await TestPostgres.StartDedicatedAsync();
        var database = await postgres.CreateDatabaseAsync("directory");
        var broker = await TestServers.CreateVirtualHostAsync();
        await using var identity = await IdentityUnderTest.StartAsync(await TestServers.CreateVirtualHostAsync());
        await identity.SignInStaffAsync();
        await using var directory = new ServiceUnderTest<Network.Directory.IntegrationEvents>(
            NetworkUnderTest.Settings(identity, "directory-db", database, broker)).Start();
        var staff = directory.NewClient(identity.StaffToken);
        var body = new { name = "Vor dem Ausfall e.V.", kind = "MigrantOrganisation", municipalityAgs = "09162000", shortDescription = "München" };
        var created = await staff.PostJson("/organisations", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await postgres.DisposeAsync();

        foreach (var response in new[]
                 {
                     await staff.GetAsync(created.Headers.Location),
                     await staff.GetAsync("/organisations"),
                     await staff.PostJson("/organisations", body with { name = "Während des Ausfalls e.V." }),
                 })
        {
            var problem = await response.AssertProblem(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Temporarily unavailable", problem.GetProperty("title").GetString());
            Assert.NotNull(response.Headers.RetryAfter);
        }
        var health = await directory.NewClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }
}
