using Network.Gateway;
using Network.Tests.Hosting;

namespace Network.Tests.Gateway;

/// <summary>The gateway alone (in memory, or on Kestrel with Start()), configured the way the AppHost would (services:*).</summary>
public static class GatewayFactory
{
    public static ServiceUnderTest<GatewayMarker> Create(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (key, value) in overrides)
            settings[key] = value;
        return new ServiceUnderTest<GatewayMarker>(settings);
    }
}
