using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Network.Directory.Coverage;
using Network.Directory.Organisations;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>
/// GET /coverage/{ags}, /coverage/{ags}.csv and /coverage through the Gateway: who is known by kind and verification
/// state, the missing kinds and named gaps, the local networks; what anonymous callers and staff are told; CSV.
/// Each test works in a pilot city of its own.
/// </summary>
public class CoverageApiTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    const string Kiel = "01002000", Leipzig = "14713000", Dueren = "05358008";
    readonly DirectorySeed seed = new(fixture.Network);

    static KindCoverage Of(MunicipalityCoverage coverage, OrganisationKind kind) => coverage.Kinds.Single(k => k.Kind == kind);

    async Task SeedKiel()
    {
        await seed.Verified(new("Ostafrika Forum Kiel", "MigrantOrganisation", Kiel));
        await seed.Pending(new("Hafenküche Kiel", "MigrantOrganisation", Kiel));
        await seed.Shadow(new("Syrischer Kulturkreis Kiel", "MigrantOrganisation", Kiel));
        await seed.Rejected(new("Doppelter Weltladen Kiel", "OneWorldGroup", Kiel));
        await seed.Archived(new("Alter Weltladen Kiel", "OneWorldGroup", Kiel));
        var office = await seed.Verified(new("Referat Internationales Kiel", "MunicipalInternationalAffairsDepartment", Kiel));
        var network = await seed.Network("Kieler Runde \"Eine Welt\", Nord", Kiel, office);
        await seed.Stage(network, "ActorInventory", "2025-03-01");
    }

    [Fact]
    public async Task Staff_see_every_actor_by_kind_and_state_the_missing_kinds_the_gaps_and_the_networks_stages()
    {
        await SeedKiel();

        var coverage = await (await seed.Staff.GetAsync($"{DirectorySeed.Api}/coverage/{Kiel}")).ReadAs<MunicipalityCoverage>();

        Assert.Equal(("Kiel", "Schleswig-Holstein", true, "all"), (coverage.Name, coverage.FederalState, coverage.IsPilot, coverage.Counted));
        Assert.Equal(new KindCoverage(OrganisationKind.MigrantOrganisation, true, Known: 3, Verified: 1, Pending: 2, Rejected: 0, Shadow: 1),
            Of(coverage, OrganisationKind.MigrantOrganisation));
        // Rejected entries are not known actors; archived ones are not counted at all.
        Assert.Equal(new KindCoverage(OrganisationKind.OneWorldGroup, true, Known: 0, Verified: 0, Pending: 0, Rejected: 1, Shadow: 0),
            Of(coverage, OrganisationKind.OneWorldGroup));
        Assert.Equal(4, coverage.KnownActors);
        Assert.Equal([OrganisationKind.MunicipalIntegrationDepartment, OrganisationKind.OneWorldGroup], coverage.MissingKinds);
        Assert.Contains(coverage.Gaps, g => g.Code == "no-integration-department" && g.Description.Contains("Migrant organisations known (3)"));
        Assert.DoesNotContain(coverage.Gaps, g => g.Code == "no-local-network");
        var network = Assert.Single(coverage.LocalNetworks);
        Assert.Equal(("Kieler Runde \"Eine Welt\", Nord", Network.Directory.LocalNetworks.LocalNetworkStage.ActorInventory, new DateOnly(2025, 3, 1), 1),
            (network.Name, network.Stage, network.StageSince, network.Members));
    }

    [Fact]
    public async Task Anonymous_callers_get_counts_of_public_verified_entries_only()
    {
        await seed.Verified(new("Referat Migration Leipzig", "MunicipalIntegrationDepartment", Leipzig));
        await seed.Verified(new("Hoa Sen Leipzig", "MigrantOrganisation", Leipzig));
        await seed.Verified(new("Members-only Verein Leipzig", "MigrantOrganisation", Leipzig, Visibility: "Members"));
        await seed.Pending(new("Kabul Kulturhaus Leipzig", "MigrantOrganisation", Leipzig));
        await seed.Shadow(new("Versteckte Gruppe Leipzig", "OneWorldGroup", Leipzig));

        var anonymous = await (await seed.Anonymous.GetAsync($"{DirectorySeed.Api}/coverage/{Leipzig}")).ReadAs<MunicipalityCoverage>();
        Assert.Equal("public", anonymous.Counted);
        Assert.Equal(new KindCoverage(OrganisationKind.MigrantOrganisation, true, Known: 1, Verified: 1, Pending: null, Rejected: null, Shadow: null),
            Of(anonymous, OrganisationKind.MigrantOrganisation));
        Assert.Contains(OrganisationKind.OneWorldGroup, anonymous.MissingKinds);
        Assert.DoesNotContain(anonymous.Gaps, g => g.Code == "migrant-organisations-unverified");

        var member = await (await (await seed.MemberOf(Guid.NewGuid())).GetAsync($"{DirectorySeed.Api}/coverage/{Leipzig}")).ReadAs<MunicipalityCoverage>();
        Assert.Equal(("members", 2), (member.Counted, Of(member, OrganisationKind.MigrantOrganisation).Known));

        var staff = await (await seed.Staff.GetAsync($"{DirectorySeed.Api}/coverage/{Leipzig}")).ReadAs<MunicipalityCoverage>();
        Assert.Equal((3, 1), (Of(staff, OrganisationKind.MigrantOrganisation).Known, Of(staff, OrganisationKind.OneWorldGroup).Shadow));
        Assert.Contains(staff.Gaps, g => g.Code == "no-international-affairs-department");
        Assert.Contains(staff.Gaps, g => g.Code == "no-local-network");
    }

    [Fact]
    public async Task Coverage_comes_as_csv_with_a_header_row_and_rfc_4180_quoting()
    {
        await seed.Verified(new("Kommunales Integrationszentrum Düren", "MunicipalIntegrationDepartment", Dueren));
        var office = await seed.Verified(new("Agenda-Büro Düren", "OtherMunicipalOffice", Dueren));
        await seed.Network("=Rurtal, \"Eine Welt\"\nNetzwerk", Dueren, office);

        var bySuffix = await seed.Anonymous.GetAsync($"{DirectorySeed.Api}/coverage/{Dueren}.csv");
        var byAccept = new HttpRequestMessage(HttpMethod.Get, $"{DirectorySeed.Api}/coverage/{Dueren}");
        byAccept.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var negotiated = await seed.Anonymous.SendAsync(byAccept);

        foreach (var response in new[] { bySuffix, negotiated })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            Assert.EndsWith("\r\n", text);
            var rows = CsvReader.Parse(text);
            Assert.Equal(2, rows.Count);
            var (header, row) = (rows[0], rows[1]);
            Assert.Equal(header.Count, row.Count);
            string Cell(string column) => row[header.IndexOf(column)];
            Assert.Equal(("05358008", "Düren", "Nordrhein-Westfalen", "public"), (Cell("ags"), Cell("municipality"), Cell("federal_state"), Cell("counted")));
            Assert.Equal(("2", "1", "", "1"), (Cell("known_actors"), Cell(nameof(OrganisationKind.MunicipalIntegrationDepartment)), Cell("pending"), Cell("OtherMunicipalOffice")));
            Assert.Equal("MunicipalInternationalAffairsDepartment; OneWorldGroup; MigrantOrganisation", Cell("missing_kinds"));
            Assert.Contains("migrant-organisations-out-of-sight", Cell("gaps"));
            // A formula-looking name is defused with an apostrophe; the quotes, comma and line break survive quoting.
            Assert.StartsWith("'=Rurtal, \"Eine Welt\"\nNetzwerk (Initiated since ", Cell("local_networks"));
            Assert.Contains("\"'=Rurtal, \"\"Eine Welt\"\"\nNetzwerk", text);
        }
    }

    [Fact]
    public async Task The_overview_lists_every_municipality_in_use_as_json_and_csv()
    {
        await seed.Verified(new("Verein in Köln", "MigrantOrganisation", "05315000"));

        var overview = await (await seed.Staff.GetAsync($"{DirectorySeed.Api}/coverage")).ReadAs<CoverageOverview>();
        var listed = overview.Municipalities.Select(m => m.Ags).ToList();
        Assert.Superset(new HashSet<string> { "05314000", Kiel, Leipzig, "09162000", Dueren, "05315000" }, listed.ToHashSet());
        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
        Assert.Null(overview.Municipalities.Single(m => m.Ags == "05315000").Name); // in use, but never added as a municipality

        var csv = await seed.Anonymous.GetAsync($"{DirectorySeed.Api}/coverage.csv");
        var rows = CsvReader.Parse(await csv.Content.ReadAsStringAsync());
        Assert.Equal("ags", rows[0][0]);
        Assert.Contains(rows.Skip(1), r => r[0] == "05315000");
    }

    [Theory]
    [InlineData("/coverage/5314000", HttpStatusCode.BadRequest)]
    [InlineData("/coverage/99000000", HttpStatusCode.BadRequest)]
    [InlineData("/coverage/Bonn.csv", HttpStatusCode.BadRequest)]
    [InlineData("/coverage/06611000", HttpStatusCode.NotFound)]
    [InlineData("/coverage/06611000.csv", HttpStatusCode.NotFound)]
    public async Task A_bad_or_unknown_municipality_key_is_a_problem(string path, HttpStatusCode status) =>
        await (await seed.Anonymous.GetAsync(DirectorySeed.Api + path)).AssertProblem(status);
}
