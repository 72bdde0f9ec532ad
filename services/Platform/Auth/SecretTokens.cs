using System.Security.Cryptography;
using System.Text;

namespace Network.Platform.Auth;

/// <summary>
/// Bearer secrets handed to a person once (invitation tokens, calendar feed URLs): 256 random bits, URL-safe.
/// Only their SHA-256 hash is stored, so whoever reads the database cannot use them.
/// </summary>
public static class SecretTokens
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim())));
}
