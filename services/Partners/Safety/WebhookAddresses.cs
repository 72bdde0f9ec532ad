using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Network.Partners.Delivery;

namespace Network.Partners.Safety;

/// <summary>Looks up a host's addresses; the default asks DNS. Tests put in one whose answers they change (DNS rebinding).</summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}

public sealed class DnsHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}

/// <summary>A webhook address the guard refused; the message says which address and why.</summary>
public sealed class WebhookAddressRefused(string reason) : Exception(reason);

/// <summary>
/// The SSRF guard, the one place that decides where the service may send a webhook: at registration (the URL, and every
/// address its host resolves to now) and at every delivery on the address actually connected (the HTTP handler's connect
/// callback resolves the host itself and connects only to an address it checked), so a host whose DNS answer changed to an
/// internal address after registration is refused too. Refused: loopback, "this network" (0/8), private (10/8,
/// 172.16/12, 192.168/16), shared address space (CGNAT, 100.64/10), link-local (169.254/16 with the cloud metadata
/// address, fe80::/10), unique-local (fc00::/7), site-local, multicast, reserved and broadcast addresses, and the IPv6
/// forms that embed an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4), judged by the embedded address. IPv4
/// literals in decimal, octal or hex spellings are read as the address they mean (<see cref="IPAddress.TryParse(string?, out IPAddress?)"/>
/// follows inet_aton). Loopback only when configured (<see cref="DeliveryOptions.AllowLoopback"/>); plain http only when
/// configured (<see cref="DeliveryOptions.AllowHttp"/>, on in Development and Testing).
/// </summary>
public sealed class WebhookAddresses(IOptions<DeliveryOptions> options, IHostResolver resolver)
{
    public const int MaxUrlLength = 2000;

    /// <summary>Why the URL may not be registered as it is written (before any lookup), or null.</summary>
    public string? RefuseUrl(string url, out Uri? uri)
    {
        uri = null;
        if (url.Length > MaxUrlLength) return $"The URL is longer than {MaxUrlLength} characters.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0)
            return "The URL must be an absolute http(s) address.";
        if (parsed.Scheme != Uri.UriSchemeHttps && !(parsed.Scheme == Uri.UriSchemeHttp && options.Value.AllowHttp))
            return options.Value.AllowHttp ? "The URL must use https or http." : "The URL must use https.";
        if (parsed.UserInfo.Length > 0) return "The URL must not carry a user name or password; the signature authenticates the sender.";
        if (parsed.Fragment.Length > 0) return "The URL must not have a fragment.";
        if (Literal(parsed.Host) is { } address && RefuseAddress(address) is { } refusal)
            return $"The URL's host {parsed.Host} is the address {address}, {refusal}.";
        uri = parsed;
        return null;
    }

    /// <summary>Why a delivery to <paramref name="uri"/> would be refused now (every address its host resolves to is checked), or null.</summary>
    public async Task<string?> RefuseAsync(Uri uri, CancellationToken ct)
    {
        try
        {
            await AddressesAsync(uri.IdnHost, ct);
            return null;
        }
        catch (WebhookAddressRefused refused)
        {
            return refused.Message;
        }
    }

    /// <summary>Why <paramref name="address"/> is not a partner's server (a phrase), or null when it may be one.</summary>
    public string? RefuseAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return Embedded(address.MapToIPv4(), "IPv4-mapped");
        if (address.AddressFamily == AddressFamily.InterNetworkV6) return RefuseIPv6(address);
        if (address.AddressFamily != AddressFamily.InterNetwork) return "not an IP address";

        var b = address.GetAddressBytes();
        if (b[0] == 127) return options.Value.AllowLoopback ? null : "a loopback address";
        if (b[0] == 0) return "in 0.0.0.0/8 (this network)";
        if (b[0] == 10) return "a private address (10.0.0.0/8)";
        if (b[0] == 172 && b[1] >= 16 && b[1] <= 31) return "a private address (172.16.0.0/12)";
        if (b[0] == 192 && b[1] == 168) return "a private address (192.168.0.0/16)";
        if (b[0] == 169 && b[1] == 254)
            return b[2] == 169 && b[3] == 254 ? "the cloud metadata address (link-local 169.254.0.0/16)" : "a link-local address (169.254.0.0/16)";
        if (b[0] == 100 && b[1] >= 64 && b[1] <= 127) return "in the shared address space of carrier-grade NAT (100.64.0.0/10)";
        if (b[0] == 192 && b[1] == 0 && b[2] == 0) return "an IETF protocol address (192.0.0.0/24)";
        if (b[0] == 198 && (b[1] == 18 || b[1] == 19)) return "a benchmarking address (198.18.0.0/15)";
        if (b[0] >= 224 && b[0] <= 239) return "a multicast address (224.0.0.0/4)";
        if (b[0] >= 240) return "a reserved or broadcast address (240.0.0.0/4)";
        return null;
    }

    string? RefuseIPv6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Loopback)) return options.Value.AllowLoopback ? null : "the loopback address (::1)";
        if (address.Equals(IPAddress.IPv6None)) return "the unspecified address (::)";
        var b = address.GetAddressBytes();
        if (b[0] == 0xff) return "a multicast address (ff00::/8)";
        if ((b[0] & 0xfe) == 0xfc) return "a unique-local address (fc00::/7)";
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return "a link-local address (fe80::/10)";
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return "a site-local address (fec0::/10)";
        if (b.Take(12).All(x => x == 0)) return Embedded(new IPAddress(b[12..]), "IPv4-compatible");
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.Skip(4).Take(8).All(x => x == 0))
            return Embedded(new IPAddress(b[12..]), "NAT64");
        if (b[0] == 0x20 && b[1] == 0x02) return Embedded(new IPAddress(b[2..6]), "6to4");
        return null;
    }

    string? Embedded(IPAddress v4, string form) =>
        RefuseAddress(v4) is { } refusal ? $"an {form} form of {v4}, {refusal}" : null;

    /// <summary>The host's addresses, each checked; throws <see cref="WebhookAddressRefused"/> when one is refused or there is none.</summary>
    public async Task<IPAddress[]> AddressesAsync(string host, CancellationToken ct)
    {
        IPAddress[] addresses;
        if (Literal(host) is { } literal) addresses = [literal];
        else
        {
            try
            {
                addresses = await resolver.ResolveAsync(host, ct);
            }
            catch (SocketException e)
            {
                throw new WebhookAddressRefused($"The host {host} does not resolve ({e.SocketErrorCode}).");
            }
        }
        if (addresses.Length == 0) throw new WebhookAddressRefused($"The host {host} does not resolve to any address.");
        // One internal address among public ones is enough to refuse: which one a connection takes is not ours to choose.
        foreach (var address in addresses)
            if (RefuseAddress(address) is { } refusal)
                throw new WebhookAddressRefused(Literal(host) is null
                    ? $"The host {host} resolves to {address}, {refusal}."
                    : $"The host {host} is the address {address}, {refusal}.");
        return addresses;
    }

    /// <summary>
    /// The connect callback of the webhook client: resolves the host itself, checks every address and connects only to
    /// checked ones, so what is connected is what was checked (no second lookup in between).
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var addresses = await AddressesAsync(context.DnsEndPoint.Host, ct);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The address an IP literal host means (brackets of IPv6 removed; decimal, octal and hex IPv4 spellings read), or null for a name.</summary>
    static IPAddress? Literal(string host)
    {
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return IPAddress.TryParse(bare, out var address) ? address : null;
    }
}
