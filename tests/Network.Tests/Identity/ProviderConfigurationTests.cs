using System.Net;
using System.Text.Json;
using Network.Tests.Hosting;
using Network.Tests.Infrastructure;
using OtpNet;
using Xunit;

namespace Network.Tests.Identity;

/// <summary>The provider as production configures it (second factor for staff, the sign-in rate limit), and its key rollover.</summary>
public class ProviderConfigurationTests
{
    static async Task<IdentityUnderTest> StartAsync(Dictionary<string, string?> settings) =>
        await IdentityUnderTest.StartAsync(await TestServers.CreateVirtualHostAsync(), settings: settings);

    [Fact]
    public async Task When_staff_must_use_a_second_factor_staff_sign_in_only_after_enrolling_one()
    {
        await using var identity = await StartAsync(new() { ["Identity:RequireStaffTwoFactor"] = "true" });
        var refused = await (await identity.RequestTokenAsync(AccountsTests.PasswordGrant(IdentityUnderTest.StaffEmail, IdentityUnderTest.StaffPassword)))
            .AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("authenticator", refused.GetProperty("detail").GetString());

        var anonymous = identity.Service.NewClient();
        var credentials = new { email = IdentityUnderTest.StaffEmail, password = IdentityUnderTest.StaffPassword };
        var enrolment = await (await anonymous.PostJson("/authenticator", credentials)).ReadAs<JsonElement>();
        var authenticator = new Totp(Base32Encoding.ToBytes(enrolment.GetProperty("sharedKey").GetString()!));
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostJson("/authenticator/confirmation",
            new { credentials.email, credentials.password, code = authenticator.ComputeTotp() })).StatusCode);

        var staff = await identity.PasswordGrantAsync(IdentityUnderTest.StaffEmail, IdentityUnderTest.StaffPassword, oneTimeCode: authenticator.ComputeTotp());
        Assert.Contains("staff", AccountsTests.Values(IdentityUnderTest.Payload(staff.AccessToken), "role"));
        // Enrolled once: nobody with the password alone can replace the authenticator.
        await (await anonymous.PostJson("/authenticator", credentials)).AssertProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_token_endpoint_allows_the_configured_sign_ins_per_minute_then_answers_429_with_retry_after()
    {
        await using var identity = await StartAsync(new() { ["Identity:SignInRateLimitPerMinute"] = "30" });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
            statuses.Add((await identity.RequestTokenAsync(AccountsTests.PasswordGrant($"nobody{i}@example.org", "wrong passphrase"))).StatusCode);
        Assert.All(statuses.Take(30), s => Assert.Equal(HttpStatusCode.BadRequest, s));

        var limited = await identity.RequestTokenAsync(AccountsTests.PasswordGrant(IdentityUnderTest.StaffEmail, IdentityUnderTest.StaffPassword));
        await limited.AssertProblem(HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    [Fact]
    public async Task After_a_key_rollover_services_accept_tokens_of_the_new_key_and_of_the_old_one_without_a_restart()
    {
        // Keys that roll over in seconds: each lives 30 s, the next is made when 25 s are left, valid 3 s later.
        var keys = new Dictionary<string, string?>
        {
            ["Identity:Keys:Lifetime"] = "00:00:30", ["Identity:Keys:RolloverLead"] = "00:00:25",
            ["Identity:Keys:PublishAhead"] = "00:00:03", ["Identity:Keys:RetainAfterExpiry"] = "00:10:00",
        };
        var vhost = await TestServers.CreateVirtualHostAsync();
        var database = await TestServers.CreateDatabaseAsync("events");
        var identity = await IdentityUnderTest.StartAsync(vhost, settings: keys);
        try
        {
            await identity.SignInStaffAsync();
            var oldToken = identity.StaffToken;
            var oldKey = KeyId(oldToken);
            await using var events = new ServiceUnderTest<Network.Events.EventsMarker>(
                NetworkUnderTest.Settings(identity, "events-db", database, vhost)).Start();
            await NetworkUnderTest.WaitUntilHealthy(events.NewClient());
            Assert.Equal(HttpStatusCode.OK, (await events.NewClient(oldToken).GetAsync("/registrations/mine")).StatusCode);

            // A start 6 s later publishes the next key (25 s left); one after it became valid signs with it.
            await Task.Delay(TimeSpan.FromSeconds(6));
            identity = await identity.RestartAsync();
            var published = await identity.Service.NewClient().GetAsync("/.well-known/jwks");
            Assert.Equal(2, (await published.ReadAs<JsonElement>()).GetProperty("keys").GetArrayLength());
            await Task.Delay(TimeSpan.FromSeconds(4));
            identity = await identity.RestartAsync();
            await identity.SignInStaffAsync();
            var newToken = identity.StaffToken;
            Assert.NotEqual(oldKey, KeyId(newToken));

            // The Events service read the keys when only the old one existed: a token naming an unknown key makes it read them
            // again by itself (in production the next key is published days before it signs, so this never shows).
            await Eventually.Until(() => events.NewClient(newToken).GetAsync("/registrations/mine"), r => r.StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(15), "the Events service to accept the new key's token");
            Assert.Equal(HttpStatusCode.OK, (await events.NewClient(oldToken).GetAsync("/registrations/mine")).StatusCode);
        }
        finally
        {
            await identity.DisposeAsync();
        }
    }

    static string KeyId(string jwt) =>
        JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(jwt.Split('.')[0])).RootElement.GetProperty("kid").GetString()!;
}
