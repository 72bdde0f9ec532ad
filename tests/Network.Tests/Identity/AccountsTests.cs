using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Network.Identity.Accounts.Viewing;
using Network.Tests.Hosting;
using OtpNet;
using Xunit;

namespace Network.Tests.Identity;

/// <summary>Accounts of people, end to end through the gateway: invitation by mail, activation, sign-in, the profile rules.</summary>
public class AccountsTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    NetworkUnderTest Network => fixture.Network;

    [Fact]
    public async Task An_invited_person_activates_by_mail_signs_in_and_edits_their_own_organisation_but_not_another()
    {
        var own = await Network.RegisterOrganisationAsync("Leipziger Forum Afrika (fictional)");
        var other = await Network.RegisterOrganisationAsync("Kieler Eine-Welt-Laden (fictional)", "01002000");
        var amara = await Network.RecordPersonAsync("Amara Owusu", own.Id);

        var invited = await (await Network.InviteAsync(amara)).ReadAs<AccountResponse>(HttpStatusCode.Created);
        Assert.Equal(AccountStatus.Invited, invited.Status);
        Assert.Equal(amara.PersonId, invited.Id);

        var link = await Invitations.LinkFromMailAsync(amara.Email, "activate");
        Assert.StartsWith(Network.Identity.Issuer + "account/activate?", link.Url); // the gateway's public address
        var activated = await (await Network.Gateway.NewClient().PostJson("/api/identity/invitations/activation",
            new { account = link.Account, token = link.Token, password = Invitations.Password })).ReadAs<AccountResponse>();
        Assert.Equal(AccountStatus.Active, activated.Status);

        var signedIn = await Network.Identity.PasswordGrantAsync(amara.Email, Invitations.Password);
        var claims = IdentityUnderTest.Payload(signedIn.AccessToken);
        Assert.Equal(amara.PersonId.ToString(), claims.GetProperty("sub").GetString());
        Assert.Equal("Amara Owusu", claims.GetProperty("name").GetString());
        Assert.Equal(own.Id.ToString(), Values(claims, "org").Single());
        Assert.Contains("member", Values(claims, "role"));
        Assert.DoesNotContain("staff", Values(claims, "role"));

        var amaraClient = Network.Gateway.NewClient(signedIn.AccessToken);
        var edited = await amaraClient.PutAsJsonAsync($"/api/directory/organisations/{own.Id}/profile",
            new { name = own.Name, shortDescription = "Now with our own words." });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var refused = await amaraClient.PutAsJsonAsync($"/api/directory/organisations/{other.Id}/profile",
            new { name = other.Name, shortDescription = "Not ours to change." });
        await refused.AssertProblem(HttpStatusCode.Forbidden);

        // The Directory knows the token is Amara's own: she reads her own record.
        var me = await amaraClient.GetAsync($"/api/directory/people/{amara.PersonId}");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task An_invitation_link_works_once_and_a_second_invitation_replaces_the_first()
    {
        var person = await Network.RecordPersonAsync("Chidi Okafor");
        await (await Network.InviteAsync(person)).AssertSuccess();
        var first = await Invitations.LinkFromMailAsync(person.Email, "activate");
        await (await Network.InviteAsync(person)).AssertSuccess();
        var second = await Invitations.LinkFromMailAsync(person.Email, "activate", m => !m.TextBody.Contains(first.Url, StringComparison.Ordinal));
        var anonymous = Network.Gateway.NewClient();

        var stale = await anonymous.PostJson("/api/identity/invitations/activation", new { account = first.Account, token = first.Token, password = Invitations.Password });
        var problem = await stale.AssertProblem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("token", out _));

        await (await anonymous.PostJson("/api/identity/invitations/activation", new { account = second.Account, token = second.Token, password = Invitations.Password })).AssertSuccess();
        var reused = await anonymous.PostJson("/api/identity/invitations/activation", new { account = second.Account, token = second.Token, password = "another long passphrase" });
        await reused.AssertProblem(HttpStatusCode.BadRequest);
        await (await Network.InviteAsync(person)).AssertProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_password_that_breaks_the_rules_is_a_400_naming_the_password_and_the_link_still_works()
    {
        var person = await Network.RecordPersonAsync("Lina Haddad");
        await (await Network.InviteAsync(person)).AssertSuccess();
        var link = await Invitations.LinkFromMailAsync(person.Email, "activate");
        var anonymous = Network.Gateway.NewClient();

        var tooShort = await anonymous.PostJson("/api/identity/invitations/activation", new { account = link.Account, token = link.Token, password = "short" });
        var problem = await tooShort.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("12", problem.GetProperty("errors").GetProperty("password")[0].GetString());

        await (await anonymous.PostJson("/api/identity/invitations/activation", new { account = link.Account, token = link.Token, password = Invitations.Password })).AssertSuccess();
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_by_a_one_time_link_and_the_old_one_stops_working()
    {
        var person = await Network.RecordPersonAsync("Tomás Rivera");
        await Network.InvitedAndSignedInAsync(person);
        var anonymous = Network.Gateway.NewClient();

        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostJson("/api/identity/password-resets", new { email = person.Email })).StatusCode);
        // Unknown addresses get the same answer, so nobody learns who has an account.
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostJson("/api/identity/password-resets", new { email = $"nobody.{Guid.NewGuid():N}@example.org" })).StatusCode);
        var link = await Invitations.LinkFromMailAsync(person.Email, "reset-password");

        const string newPassword = "an entirely new passphrase";
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostJson("/api/identity/password-resets/completion",
            new { account = link.Account, token = link.Token, password = newPassword })).StatusCode);
        await (await anonymous.PostJson("/api/identity/password-resets/completion",
            new { account = link.Account, token = link.Token, password = "yet another passphrase" })).AssertProblem(HttpStatusCode.BadRequest);

        var old = await Network.Identity.RequestTokenAsync(PasswordGrant(person.Email, Invitations.Password));
        await old.AssertProblem(HttpStatusCode.BadRequest);
        await Network.Identity.PasswordGrantAsync(person.Email, newPassword);
    }

    [Fact]
    public async Task The_fifth_wrong_password_locks_the_account_with_429_and_retry_after_and_staff_see_it_in_the_audit()
    {
        var person = await Network.RecordPersonAsync("Kwame Mensah");
        await Network.InvitedAndSignedInAsync(person);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await Network.Identity.RequestTokenAsync(PasswordGrant(person.Email, $"wrong passphrase {attempt}"));
            var refused = await wrong.AssertProblem(HttpStatusCode.BadRequest);
            Assert.Equal("invalid_grant", refused.GetProperty("error").GetString());
        }
        var fifth = await Network.Identity.RequestTokenAsync(PasswordGrant(person.Email, "wrong passphrase 5"));
        var locked = await fifth.AssertProblem(HttpStatusCode.TooManyRequests);
        Assert.Equal("invalid_grant", locked.GetProperty("error").GetString());
        var wait = fifth.Headers.RetryAfter?.Delta;
        Assert.NotNull(wait);
        Assert.InRange(wait.Value.TotalMinutes, 14, 15); // the default lockout, docs/identity.md

        // While locked, even the right password is refused.
        await (await Network.Identity.RequestTokenAsync(PasswordGrant(person.Email, Invitations.Password))).AssertProblem(HttpStatusCode.TooManyRequests);

        var audit = await Network.Staff().GetFromJsonAsync<JsonElement>($"/api/identity/audit?subject={person.PersonId}&kind=LockedOut");
        var entry = audit.GetProperty("items")[0];
        Assert.Equal("LockedOut", entry.GetProperty("kind").GetString());
        Assert.False(string.IsNullOrEmpty(entry.GetProperty("clientAddress").GetString()));
        var failures = await Network.Staff().GetFromJsonAsync<JsonElement>($"/api/identity/audit?subject={person.PersonId}&kind=SignInFailed");
        Assert.Equal(4, failures.GetProperty("totalItems").GetInt32());
    }

    [Fact]
    public async Task With_an_authenticator_a_sign_in_needs_the_current_code()
    {
        var person = await Network.RecordPersonAsync("Ayo Adeyemi");
        await Network.InvitedAndSignedInAsync(person);
        var anonymous = Network.Gateway.NewClient();

        var enrolment = await (await anonymous.PostJson("/api/identity/authenticator", new { email = person.Email, password = Invitations.Password }))
            .ReadAs<JsonElement>();
        var key = enrolment.GetProperty("sharedKey").GetString()!;
        Assert.StartsWith("otpauth://totp/Network:", enrolment.GetProperty("otpAuthUri").GetString());
        var authenticator = new Totp(Base32Encoding.ToBytes(key));

        await (await anonymous.PostJson("/api/identity/authenticator/confirmation",
            new { email = person.Email, password = Invitations.Password, code = "000000" == authenticator.ComputeTotp() ? "111111" : "000000" }))
            .AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostJson("/api/identity/authenticator/confirmation",
            new { email = person.Email, password = Invitations.Password, code = authenticator.ComputeTotp() })).StatusCode);

        var withoutCode = await (await Network.Identity.RequestTokenAsync(PasswordGrant(person.Email, Invitations.Password)))
            .AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("otp", withoutCode.GetProperty("detail").GetString());
        await Network.Identity.PasswordGrantAsync(person.Email, Invitations.Password, oneTimeCode: authenticator.ComputeTotp());
    }

    [Fact]
    public async Task Staff_list_accounts_and_give_the_staff_role_which_the_next_sign_in_carries()
    {
        var person = await Network.RecordPersonAsync("Rosa Mendes");
        var before = await Network.InvitedAndSignedInAsync(person);
        Assert.DoesNotContain("staff", Values(IdentityUnderTest.Payload(before.AccessToken), "role"));

        var listed = await Network.Staff().GetFromJsonAsync<JsonElement>($"/api/identity/accounts?q={Uri.EscapeDataString("Rosa Mendes")}");
        Assert.Equal(person.PersonId, listed.GetProperty("items")[0].GetProperty("id").GetGuid());

        var changed = await (await Network.Staff().PutAsJsonAsync($"/api/identity/accounts/{person.PersonId}/roles", new { roles = new[] { "staff" } }))
            .ReadAs<AccountResponse>();
        Assert.Equal(["staff"], changed.Roles);
        var after = await Network.Identity.PasswordGrantAsync(person.Email, Invitations.Password);
        Assert.Contains("staff", Values(IdentityUnderTest.Payload(after.AccessToken), "role"));

        // A member cannot do it; nor can staff take the role from themselves.
        await (await Network.Gateway.NewClient(before.AccessToken).PutAsJsonAsync($"/api/identity/accounts/{person.PersonId}/roles", new { roles = Array.Empty<string>() }))
            .AssertProblem(HttpStatusCode.Forbidden);
        await (await Network.Gateway.NewClient(after.AccessToken).PutAsJsonAsync($"/api/identity/accounts/{person.PersonId}/roles", new { roles = Array.Empty<string>() }))
            .AssertProblem(HttpStatusCode.Conflict);
        await (await Network.Staff().PutAsJsonAsync($"/api/identity/accounts/{person.PersonId}/roles", new { roles = new[] { "admin" } }))
            .AssertProblem(HttpStatusCode.BadRequest);
    }

    public static Dictionary<string, string?> PasswordGrant(string email, string password) => new()
    {
        ["grant_type"] = "password", ["client_id"] = "network-cli", ["username"] = email, ["password"] = password,
    };

    /// <summary>A claim's values: JWT puts a single value as a string, several as an array.</summary>
    public static IReadOnlyList<string> Values(JsonElement claims, string name) =>
        !claims.TryGetProperty(name, out var value) ? []
        : value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
        : [value.GetString()!];
}

