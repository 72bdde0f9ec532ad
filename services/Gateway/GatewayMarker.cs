namespace Network.Gateway;

/// <summary>
/// Names the gateway's assembly for <c>WebApplicationFactory&lt;GatewayMarker&gt;</c>: every service's
/// top-level <c>Program</c> is a global type of the same name, so tests that host several services
/// cannot tell them apart by <c>Program</c>.
/// </summary>
public sealed class GatewayMarker;
