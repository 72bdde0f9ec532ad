using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Directory.DemoData;
using Network.Knowledge.DemoData;
using Network.Knowledge.Items.Viewing;
using Network.Knowledge.OpenData;
using Network.Tests.Hosting;
using Xunit;
using static Network.Tests.Knowledge.KnowledgeWorkflowTests;

namespace Network.Tests.Knowledge;

/// <summary>The open-data export of everything published: stable ids, both languages, the licence; nothing unpublished.</summary>
public class OpenDataTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    [Fact]
    public async Task Everything_published_comes_as_json_csv_and_xlsx_with_its_licence_and_nothing_else()
    {
        var network = fixture.Network;
        await new KnowledgeDemoData(TimeProvider.System, NullLogger<KnowledgeDemoData>.Instance)
            .Populate(network.Knowledge.Services.GetRequiredService<IDocumentStore>(), CancellationToken.None);
        var staff = network.Gateway.NewClient(network.StaffToken);
        var draft = await (await staff.PostJson($"{Api}/items", new { type = "GoodPractice", content = GoodPractice("Noch nicht öffentlich") }))
            .ReadAs<ItemResponse>(HttpStatusCode.Created);
        var anybody = network.Gateway.NewClient();

        var json = await ExportFiles.ReadJson(await anybody.GetAsync($"{Api}/open-data/items.json"));
        Assert.Equal(4, json.Count);
        Assert.DoesNotContain(json, j => j.GetProperty("id").GetGuid() == draft.Id);
        Assert.All(json, j => Assert.Equal(OpenDataExport.Licence, j.GetProperty("licence").GetString()));
        var bonn = json.Single(j => j.GetProperty("municipalityAgs").GetString() == "05314000");
        Assert.Equal("Workshops for associations in the Bonn network (fictional)", bonn.GetProperty("titleEn").GetString());
        Assert.Contains(DemoDataLoader.OrganisationId("bonn-sankofa").ToString(), bonn.GetProperty("organisations").GetString());
        var id = bonn.GetProperty("id").GetGuid();
        Assert.Equal(id, (await (await anybody.GetAsync(bonn.GetProperty("url").GetString())).ReadAs<ItemResponse>()).Id); // the address resolves

        var csv = await ExportFiles.ReadCsv(await anybody.GetAsync($"{Api}/open-data/items.csv"), ',');
        Assert.Equal(json.Select(j => j.GetProperty("id").GetString()), csv.Rows.Select(r => r[0]));
        Assert.Equal("Licence", csv.Header[^1]);
        var (xlsx, _) = await ExportFiles.ReadXlsx(await anybody.GetAsync($"{Api}/open-data/items.xlsx?lang=de"));
        Assert.Equal(4, xlsx.Rows.Count);
        Assert.IsType<DateTime>(xlsx.Cell(0, "Veröffentlicht (Ortszeit Berlin)"));
        Assert.Equal(1.0, xlsx.Cell(0, "Fassung"));
    }
}
