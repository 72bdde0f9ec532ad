using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Network.Gateway;

namespace Network.Tests.Gateway;

/// <summary>The gateway in memory, configured the way the AppHost would (Auth:* and services:*).</summary>
public sealed class GatewayFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<GatewayMarker>
{
    public const string SigningKey = "gateway-tests-signing-key-0123456789abcdef";
    public const string StaffEmail = "staff@network.example";
    public const string StaffPassword = "correct horse battery staple";

    public static GatewayFactory Create(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = SigningKey,
            ["Auth:BootstrapStaffPassword"] = StaffPassword,
            ["Auth:TokenRateLimitPerMinute"] = "1000",
        };
        foreach (var (key, value) in overrides)
            settings[key] = value;
        return new GatewayFactory(settings);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting, unlike ConfigureAppConfiguration, is visible while Program wires services up.
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
    }
}
