using System.Text.Json;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Gateway;

/// <summary>Each service's OpenAPI document, read through the gateway, describes its operations in the words of their handlers' XML comments.</summary>
public class OpenApiDocumentTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    [Theory]
    // The handlers' <summary>, as written there: VerifyOrganisation.Handle and PublishEvent.Handle.
    [InlineData("directory", "/organisations/{id}/verification", "POST /organisations/{id}/verification: staff only; honours If-Match.")]
    [InlineData("events", "/events/{id}/publication", "POST /events/{id}/publication: staff only; honours If-Match.")]
    public async Task An_operation_carries_its_handlers_summary(string service, string path, string summary)
    {
        var response = await fixture.Network.Gateway.NewClient().GetAsync($"/api/{service}/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var operation = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty("post");
        Assert.Equal(summary, operation.GetProperty("summary").GetString());
    }
}
