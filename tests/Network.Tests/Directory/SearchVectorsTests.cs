using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Network.Directory.Search;
using Network.Tests.Hosting;
using Npgsql;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>
/// The stored search vectors (organisation_search) follow every write of an organisation, and a database that held
/// organisations before the table existed has them searchable once the Directory's schema is applied.
/// </summary>
public class SearchVectorsTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    const string Search = DirectorySeed.Api + "/search/organisations";
    readonly DirectorySeed seed = new(fixture.Network);

    async Task<List<string>> Find(string q, string municipality, string sort = "relevance") =>
        (await DirectorySeed.Names(await seed.Anonymous.GetAsync($"{Search}?municipality={municipality}&q={Uri.EscapeDataString(q)}&sort={sort}"))).Names;

    [Fact]
    public async Task A_renamed_organisation_is_found_by_its_new_words_and_no_longer_by_its_old_ones()
    {
        const string kiel = "01002000";
        var id = await seed.Verified(new("Sternwarte Kulturverein", Ags: kiel, ShortDescription: "Astronomie für alle"));
        Assert.Equal(["Sternwarte Kulturverein"], await Find("Sternwarten", kiel));

        var rename = new HttpRequestMessage(HttpMethod.Put, $"{DirectorySeed.Api}/organisations/{id}/profile")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { name = "Planetarium Freundeskreis", shortDescription = "Himmelsbeobachtung" }),
                Encoding.UTF8, "application/json"),
        };
        rename.Headers.IfMatch.Add(new EntityTagHeaderValue("\"2\""));
        (await seed.Staff.SendAsync(rename)).EnsureSuccessStatusCode();

        Assert.Empty(await Find("Sternwarte", kiel));
        Assert.Empty(await Find("Astronomie", kiel));
        Assert.Equal(["Planetarium Freundeskreis"], await Find("Freundeskreise Himmelsbeobachtung", kiel));
        Assert.Equal(["Planetarium Freundeskreis"], await Find("Freundeskreis", kiel, sort: "name"));
    }

    [Fact]
    public async Task Organisations_stored_before_the_vectors_existed_are_found_once_the_schema_is_applied()
    {
        const string lübeck = "01003000";
        await seed.Verified(new("Hanse Brückenbauer", Ags: lübeck));
        Assert.Equal(["Hanse Brückenbauer"], await Find("Brückenbauer", lübeck));

        // As a database from before the search table: no trigger, no table.
        await using (var database = NpgsqlDataSource.Create(fixture.Network.DirectoryDatabase))
        await using (var drop = database.CreateCommand(
            $"drop trigger {SearchVectors.Table}_trigger on {SearchVectors.DocumentTable}; drop table {SearchVectors.Table}"))
        {
            await drop.ExecuteNonQueryAsync();
            await using var gone = database.CreateCommand($"select to_regclass('{SearchVectors.Table}') is null");
            Assert.True((bool)(await gone.ExecuteScalarAsync())!);
        }

        // What the Directory does at start (ApplyAllDatabaseChangesOnStartup).
        await fixture.Network.Directory.Services.GetRequiredService<IDocumentStore>().Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        Assert.Equal(["Hanse Brückenbauer"], await Find("Brückenbauer", lübeck));
        await seed.Verified(new("Hanse Nachbarschaft", Ags: lübeck));
        Assert.Equal(["Hanse Brückenbauer", "Hanse Nachbarschaft"], await Find("Hanse", lübeck, sort: "name"));
    }
}
