using System.Net;
using System.Text.RegularExpressions;
using Network.Directory.Organisations.Viewing;
using Network.Directory.People.Viewing;
using Network.Identity.Accounts.Viewing;
using Network.Tests.Hosting;
using Network.Tests.Infrastructure;
using Xunit;

namespace Network.Tests.Identity;

/// <summary>
/// The whole way in for a person, as staff and the person do it through the gateway: an organisation and a person in
/// the Directory, the person joins it, staff invite them, the mail arrives in the SMTP server, the person sets a
/// password from its link and signs in.
/// </summary>
public static partial class Invitations
{
    public const string Password = "a long and memorable passphrase";

    public sealed record Invitee(Guid PersonId, string Email, string Name);

    public static HttpClient Staff(this NetworkUnderTest network) => network.Gateway.NewClient(network.StaffToken);

    public static async Task<OrganisationResponse> RegisterOrganisationAsync(this NetworkUnderTest network, string name, string ags = "14713000")
    {
        var staff = network.Staff();
        var organisation = await (await staff.PostJson("/api/directory/organisations", new
        {
            name, kind = "MigrantOrganisation", municipalityAgs = ags, shortDescription = "Fictional, for a test.",
        })).ReadAs<OrganisationResponse>(HttpStatusCode.Created);
        await (await staff.PostAsync($"/api/directory/organisations/{organisation.Id}/verification", null)).AssertSuccess();
        return organisation;
    }

    /// <summary>A person staff record in the Directory (with the e-mail address they give), acting for the organisations.</summary>
    public static async Task<Invitee> RecordPersonAsync(this NetworkUnderTest network, string name, params Guid[] organisations)
    {
        var staff = network.Staff();
        var email = $"{name.ToLowerInvariant().Replace(' ', '.')}.{Guid.NewGuid():N}@example.org";
        var person = await (await staff.PostJson("/api/directory/people", new { displayName = name, email }))
            .ReadAs<PersonResponse>(HttpStatusCode.Created);
        foreach (var organisation in organisations)
            await (await staff.PostJson($"/api/directory/organisations/{organisation}/members", new { personId = person.Id, role = "Member" })).AssertSuccess();
        return new Invitee(person.Id, email, name);
    }

    /// <summary>Staff invite; until the Identity service has the Directory's event about the person, the invitation is a 404.</summary>
    public static async Task<HttpResponseMessage> InviteAsync(this NetworkUnderTest network, Invitee person, object? extra = null)
    {
        var staff = network.Staff();
        return await Eventually.Until(
            () => staff.PostJson("/api/identity/invitations", extra ?? new { personId = person.PersonId, email = person.Email }),
            r => r.StatusCode != HttpStatusCode.NotFound, TimeSpan.FromSeconds(30), $"the provider to know {person.Name}");
    }

    public sealed record Link(Guid Account, string Token, string Url);

    [GeneratedRegex(@"(?<url>http://\S+/account/(?<page>activate|reset-password)\?account=(?<account>[0-9a-f-]{36})&token=(?<token>\S+))")]
    private static partial Regex LinkPattern();

    /// <summary>The one-time link in the newest mail to <paramref name="email"/> that leads to <paramref name="page"/>.</summary>
    public static async Task<Link> LinkFromMailAsync(string email, string page, Func<ReceivedMail, bool>? where = null)
    {
        var smtp = await TestServers.Smtp;
        var mail = await smtp.WaitForMailToAsync(email, TimeSpan.FromSeconds(30),
            m => LinkPattern().Matches(m.TextBody).Any(x => x.Groups["page"].Value == page) && (where?.Invoke(m) ?? true));
        var match = LinkPattern().Matches(mail.TextBody).Last(x => x.Groups["page"].Value == page);
        return new Link(Guid.Parse(match.Groups["account"].Value), Uri.UnescapeDataString(match.Groups["token"].Value), match.Groups["url"].Value);
    }

    /// <summary>Invited, mailed, activated and signed in: the person as they are after following the invitation.</summary>
    public static async Task<SignedIn> InvitedAndSignedInAsync(this NetworkUnderTest network, Invitee person)
    {
        await (await network.InviteAsync(person)).AssertSuccess();
        var link = await LinkFromMailAsync(person.Email, "activate");
        await (await network.Gateway.NewClient().PostJson("/api/identity/invitations/activation",
            new { account = link.Account, token = link.Token, password = Password })).ReadAs<AccountResponse>();
        return await network.Identity.PasswordGrantAsync(person.Email, Password, "openid offline_access directory events forum identity knowledge");
    }
}
