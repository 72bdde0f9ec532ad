using System.Security.Cryptography;

namespace Network.Partners.Subscriptions;

/// <summary>Standard Webhooks signing secrets: <c>whsec_</c> and the base64 of 32 random bytes (the HMAC-SHA256 key).</summary>
public static class SigningSecrets
{
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
