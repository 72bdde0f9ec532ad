using Network.Gateway;
using Network.Tests.Hosting;

namespace Network.Tests.Gateway;

/// <summary>The gateway alone (in memory, or on Kestrel with Start()), configured the way the AppHost would (Auth:* and services:*).</summary>
public static class GatewayFactory
{
    public const string SigningKey = "gateway-tests-signing-key-0123456789abcdef";
    public const string StaffEmail = "staff@network.example";
    public const string StaffPassword = "correct horse battery staple";

    public static ServiceUnderTest<GatewayMarker> Create(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = SigningKey,
            ["Auth:BootstrapStaffPassword"] = StaffPassword,
            ["Auth:TokenRateLimitPerMinute"] = "1000",
        };
        foreach (var (key, value) in overrides)
            settings[key] = value;
        return new ServiceUnderTest<GatewayMarker>(settings);
    }
}
