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
    public async Task Coverage_comes_as_csv_by_suffix_or_accept_header_with_formulas_defused_and_quoting_intact()
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
            Assert.Equal($"coverage-{Dueren}.csv", ExportFiles.FileName(response));
            var csv = await ExportFiles.ReadCsv(response, ',');
            Assert.Single(csv.Rows);
            Assert.Equal(("05358008", "Düren", "Nordrhein-Westfalen", "public"), (csv.Cell(0, "AGS"), csv.Cell(0, "Municipality"), csv.Cell(0, "Federal state"), csv.Cell(0, "Counted")));
            Assert.Equal(("2", "1", "", "1"), (csv.Cell(0, "Known actors"), csv.Cell(0, "Municipal integration department"), csv.Cell(0, "Pending"), csv.Cell(0, "Other municipal office")));
            Assert.Equal("MunicipalInternationalAffairsDepartment; OneWorldGroup; MigrantOrganisation", csv.Cell(0, "Missing kinds"));
            Assert.Contains("migrant-organisations-out-of-sight", (string)csv.Cell(0, "Gaps")!);
            // A formula-looking name is defused with an apostrophe; the quotes, comma and line break survive quoting.
            Assert.StartsWith("'=Rurtal, \"Eine Welt\"\nNetzwerk (Initiated since ", (string)csv.Cell(0, "Local networks")!);
        }
    }

    [Fact]
    public async Task Coverage_comes_as_xlsx_with_numbers_and_booleans_typed_and_as_json_rows_with_german_headers_on_request()
    {
        const string muenster = "05515000"; // in use, never added as a municipality, not a pilot; no other test names it
        await seed.Verified(new("Integrationsrat Münster", "MunicipalIntegrationDepartment", muenster));
        await seed.Verified(new("=SUMME(A1:A9) Verein", "MigrantOrganisation", muenster));

        var request = new HttpRequestMessage(HttpMethod.Get, $"{DirectorySeed.Api}/coverage/{muenster}.xlsx");
        request.Headers.AcceptLanguage.ParseAdd("de-DE");
        var (xlsx, sheet) = await ExportFiles.ReadXlsx(await seed.Anonymous.SendAsync(request));
        Assert.Equal("Abdeckung", sheet);
        Assert.Equal((muenster, null, false, 2.0), (xlsx.Cell(0, "AGS"), xlsx.Cell(0, "Kommune"), xlsx.Cell(0, "Pilotkommune"), xlsx.Cell(0, "Bekannte Akteure")));
        Assert.Equal((1.0, 1.0, null), (xlsx.Cell(0, "Migrantenorganisation"), xlsx.Cell(0, "Kommunale Integrationsstelle"), xlsx.Cell(0, "In Prüfung")));

        var json = Assert.Single(await ExportFiles.ReadJson(await seed.Anonymous.GetAsync($"{DirectorySeed.Api}/coverage/{muenster}.json")));
        Assert.Equal(2, json.GetProperty("knownActors").GetInt32());
        Assert.False(json.GetProperty("pilot").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("pending").ValueKind);
        Assert.Equal(1, json.GetProperty(nameof(OrganisationKind.MigrantOrganisation)).GetInt32());
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

        var csv = await ExportFiles.ReadCsv(await seed.Anonymous.GetAsync($"{DirectorySeed.Api}/coverage.csv"), ',');
        Assert.Equal("AGS", csv.Header[0]);
        Assert.Contains(csv.Rows, r => (string?)r[0] == "05315000");
    }

    [Theory]
    [InlineData("/coverage/5314000", HttpStatusCode.BadRequest)]
    [InlineData("/coverage/99000000", HttpStatusCode.BadRequest)]
    [InlineData("/coverage/Bonn.csv", HttpStatusCode.BadRequest)]
    [InlineData("/coverage/06611000", HttpStatusCode.NotFound)]
    [InlineData("/coverage/06611000.csv", HttpStatusCode.NotFound)]
    [InlineData("/coverage/05358008.pdf", HttpStatusCode.NotFound)]
    [InlineData("/coverage.pdf", HttpStatusCode.NotFound)]
    public async Task A_bad_or_unknown_municipality_key_is_a_problem(string path, HttpStatusCode status) =>
        await (await seed.Anonymous.GetAsync(DirectorySeed.Api + path)).AssertProblem(status);
}
