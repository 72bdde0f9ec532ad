using System.Text.Json;
using Network.Tests.Hosting;
using Xunit;

namespace Network.Tests.Directory;

/// <summary>The Directory's OpenAPI document describes its operations in the words of their handlers' XML comments.</summary>
public class OpenApiDocumentTests(NetworkFixture fixture) : IClassFixture<NetworkFixture>
{
    [Fact]
    public async Task An_operation_carries_its_handlers_summary()
    {
        var response = await fixture.Network.Gateway.NewClient().GetAsync("/api/directory/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var verification = document.RootElement.GetProperty("paths").GetProperty("/organisations/{id}/verification").GetProperty("post");
        // VerifyOrganisation.Handle's <summary>, as written there.
        Assert.Equal("POST /organisations/{id}/verification: staff only; honours If-Match.", verification.GetProperty("summary").GetString());
    }
}
