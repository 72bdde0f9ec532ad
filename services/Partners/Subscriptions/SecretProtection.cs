using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Network.Partners.Subscriptions;

/// <summary>
/// The key the signing secrets are encrypted with (section <c>Partners</c>): <see cref="SecretsKey"/> encrypts and decrypts;
/// each of <see cref="PreviousSecretsKeys"/> only decrypts, for a key that is being replaced (at start the service re-encrypts
/// every secret under the current key, <see cref="SecretResealing"/>, after which the old key can go). Each is a string of
/// at least 32 characters from the secret store, never from the database: the AppHost generates one (parameter
/// <c>partners-secrets-key</c>).
/// </summary>
public sealed class SecretProtectionOptions
{
    public string? SecretsKey { get; set; }
    public List<string> PreviousSecretsKeys { get; set; } = [];
}

/// <summary>
/// Encrypts the webhook signing secrets at rest with AES-256-GCM, so a copy of the Partners database (a backup, a leaked
/// dump) does not let anyone sign webhooks in the platform's name. HMAC signing needs the secret itself, hence encryption,
/// not a hash. Stored form: <c>v1:&lt;key id&gt;:&lt;base64url of nonce, cipher text, tag&gt;</c>; the key id (8 hex digits of a
/// hash of the key) says which configured key opens it. The subscription's id is the associated data: a value copied into
/// another subscription does not open. The 256-bit key is HKDF-SHA256 of the configured string. A value that starts with
/// <c>whsec_</c> is a secret stored before encryption, read as it is (and re-encrypted at the next start).
/// </summary>
public sealed class SecretProtection
{
    public const int MinimumKeyLength = 32;
    const string Version = "v1";
    const int NonceSize = 12, TagSize = 16;
    static readonly byte[] Info = Encoding.UTF8.GetBytes("network/partners/signing-secrets/v1");

    readonly (string Id, byte[] Key) current;
    readonly Dictionary<string, byte[]> keys = new(StringComparer.Ordinal);

    public SecretProtection(IOptions<SecretProtectionOptions> options)
    {
        var o = options.Value;
        if (o.SecretsKey is not { Length: >= MinimumKeyLength })
            throw new InvalidOperationException(
                $"Partners:SecretsKey must be set to a random string of at least {MinimumKeyLength} characters (from the secret store; the AppHost " +
                "generates one): it encrypts the webhook signing secrets in the database.");
        current = Derive(o.SecretsKey);
        keys[current.Id] = current.Key;
        foreach (var (id, key) in o.PreviousSecretsKeys.Where(k => k.Length >= MinimumKeyLength).Select(Derive))
            keys.TryAdd(id, key);
    }

    /// <summary>The id of the key new values are encrypted with.</summary>
    public string CurrentKeyId => current.Id;

    public string Protect(string secret, Guid subscriptionId)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(current.Key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), subscriptionId.ToByteArray());
        return $"{Version}:{current.Id}:{Base64Url.EncodeToString(sealedBytes)}";
    }

    /// <exception cref="CryptographicException">The value was changed, belongs to another subscription, or its key is not configured.</exception>
    public string Unprotect(string stored, Guid subscriptionId)
    {
        if (stored.StartsWith(SigningSecrets.Prefix, StringComparison.Ordinal)) return stored; // stored before encryption
        var parts = stored.Split(':');
        if (parts is not [Version, var keyId, var payload])
            throw new CryptographicException("A signing secret in the database is in no format this service knows.");
        if (!keys.TryGetValue(keyId, out var key))
            throw new CryptographicException($"A signing secret is encrypted with key {keyId}, which is not configured (Partners:PreviousSecretsKeys).");
        byte[] sealedBytes;
        try
        {
            sealedBytes = Base64Url.DecodeFromChars(payload);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("A signing secret in the database is not valid base64url.", e);
        }
        if (sealedBytes.Length < NonceSize + TagSize) throw new CryptographicException("A signing secret in the database is truncated.");
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length),
            plain, subscriptionId.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Whether the value is encrypted under the current key (else <see cref="SecretResealing"/> re-encrypts it).</summary>
    public bool IsCurrent(string stored) => stored.StartsWith($"{Version}:{current.Id}:", StringComparison.Ordinal);

    static (string Id, byte[] Key) Derive(string configured)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(configured), 32, salt: [], info: Info);
        var id = Convert.ToHexStringLower(SHA256.HashData(key))[..8];
        return (id, key);
    }
}
