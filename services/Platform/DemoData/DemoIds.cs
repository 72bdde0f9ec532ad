using System.Security.Cryptography;
using System.Text;

namespace Network.Platform.DemoData;

/// <summary>
/// The fixed ids of the fictional demo network's items, the same in every service: a name-based Guid (SHA-256 of the
/// kind and key, version 8). So a service's demo data can name the Directory's demo organisations without asking it, and a
/// second load (or a second replica) finds what the first created.
/// </summary>
public static class DemoIds
{
    public static Guid Of(string kind, string key)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"network-demo-data/{kind}/{key}")).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The id of the Directory's demo organisation <paramref name="key"/> (e.g. "bonn-sankofa").</summary>
    public static Guid Organisation(string key) => Of("organisation", key);

    /// <summary>The id of the Events service's demo event <paramref name="key"/> (e.g. "kiel-kochabend-klima").</summary>
    public static Guid Event(string key) => Of("event", key);
}
