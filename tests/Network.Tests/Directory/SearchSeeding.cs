using System.Net;
using System.Text.Json;
using Network.Directory.LocalNetworks.Viewing;
using Network.Directory.Organisations.Viewing;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>A profile for the seeding helper; everything but name, kind and municipality optional.</summary>
public sealed record SeedProfile(
    string Name,
    string Kind = "MigrantOrganisation",
    string Ags = "05314000",
    string ShortDescription = "Lokale Arbeit.",
    string? De = null,
    string? En = null,
    string[]? Themes = null,
    string[]? Countries = null,
    string[]? Languages = null,
    int[]? Sdgs = null,
    string Visibility = "Public");

/// <summary>
/// Puts organisations and networks into the Directory the way clients do, through the Gateway as staff (search,
/// coverage and matchmaking tests need a known state to search, count and rank).
/// </summary>
public sealed class DirectorySeed(NetworkUnderTest network)
{
    public const string Api = "/api/directory";

    public HttpClient Staff => network.Gateway.NewClient(network.StaffToken);
    public HttpClient Anonymous => network.Gateway.NewClient();
    public Task<HttpClient> MemberOf(params Guid[] organisations) => network.MemberAsync(organisations);

    static object Body(SeedProfile p) => new
    {
        name = p.Name,
        kind = p.Kind,
        municipalityAgs = p.Ags,
        shortDescription = p.ShortDescription,
        description = new { de = p.De, en = p.En },
        themes = p.Themes ?? [],
        countries = p.Countries ?? [],
        languages = p.Languages ?? [],
        sdgs = p.Sdgs ?? [],
        visibility = p.Visibility,
    };

    public async Task<Guid> Pending(SeedProfile profile) =>
        (await (await Staff.PostJson($"{Api}/organisations", Body(profile))).ReadAs<OrganisationResponse>(HttpStatusCode.Created)).Id;

    public async Task<Guid> Verified(SeedProfile profile)
    {
        var id = await Pending(profile);
        (await Staff.PostAsync($"{Api}/organisations/{id}/verification", null)).EnsureSuccessStatusCode();
        return id;
    }

    public async Task<Guid> Rejected(SeedProfile profile)
    {
        var id = await Pending(profile);
        (await Staff.PostJson($"{Api}/organisations/{id}/rejection", new { reason = "Could not be verified." })).EnsureSuccessStatusCode();
        return id;
    }

    public async Task<Guid> Archived(SeedProfile profile)
    {
        var id = await Verified(profile);
        (await Staff.PostAsync($"{Api}/organisations/{id}/archive", null)).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>An out-of-sight actor staff recorded (a shadow profile, pending).</summary>
    public async Task<Guid> Shadow(SeedProfile profile) =>
        (await (await Staff.PostJson($"{Api}/organisations/out-of-sight", Body(profile))).ReadAs<OrganisationResponse>(HttpStatusCode.Created)).Id;

    public async Task<Guid> Network(string name, string ags, Guid coordinator, params Guid[] members)
    {
        var created = await (await Staff.PostJson($"{Api}/local-networks", new
        {
            name, municipalityAgs = ags, coordinatorOrganisationId = coordinator, initiatedOn = "2025-01-15",
        })).ReadAs<LocalNetworkResponse>(HttpStatusCode.Created);
        foreach (var member in members)
            (await Staff.PostJson($"{Api}/local-networks/{created.Id}/members", new { organisationId = member })).EnsureSuccessStatusCode();
        return created.Id;
    }

    public async Task Stage(Guid network, string stage, string on)
    {
        var response = await Staff.PostJson($"{Api}/local-networks/{network}/stage", new { stage, on, note = "It happened." });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The names on one page of a search, in order.</summary>
    public static async Task<(List<string> Names, long Total)> Names(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        var page = JsonDocument.Parse(body).RootElement;
        return (page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList(),
            page.GetProperty("totalItems").GetInt64());
    }
}
