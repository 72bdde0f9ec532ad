using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Network.Identity.SignIn;

/// <summary>Configuration section <c>Identity:Keys</c>: where the provider's keys live and how they roll over.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "Identity:Keys";

    /// <summary>The folder of PEM files (certificate and private key), one file per key.</summary>
    public string Directory { get; set; } = "";

    /// <summary>
    /// Whether the provider makes and retires its own keys (development: the AppHost's data folder). Production
    /// mounts keys an operator made (a Kubernetes secret) and sets this to false.
    /// </summary>
    public bool Generate { get; set; } = true;

    /// <summary>How long a key signs before the next one takes over.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How long before its key expires the next key is made.</summary>
    public TimeSpan RolloverLead { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long the next key is published (JWKS) before it signs, so every service has read it.</summary>
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long an expired key stays published: refresh tokens it signed may still be redeemed.</summary>
    public TimeSpan RetainAfterExpiry { get; set; } = TimeSpan.FromDays(15);
}

public enum KeyPurpose { Signing, Encryption }

/// <summary>
/// The provider's asymmetric keys (RSA 2048, as self-signed X.509 certificates so each carries its validity): every
/// key of the folder is published and can validate, OpenIddict signs with the valid one that lasts longest. Rollover:
/// <see cref="KeyRingOptions.RolloverLead"/> before a key expires the next is made, valid from
/// <see cref="KeyRingOptions.PublishAhead"/> later, so services read it in the JWKS before any token carries it; the
/// provider switches to it when it next starts after that moment (or when the old one expires). Expired keys are
/// deleted once nothing they signed can still be presented. No key is shared with any other service.
/// </summary>
public sealed class KeyRing
{
    KeyRing(IReadOnlyList<X509Certificate2> signing, IReadOnlyList<X509Certificate2> encryption)
    {
        Signing = signing;
        Encryption = encryption;
    }

    /// <summary>Every signing key to publish, the one to sign with first.</summary>
    public IReadOnlyList<X509Certificate2> Signing { get; }

    public IReadOnlyList<X509Certificate2> Encryption { get; }

    /// <summary>Loads the folder's keys; when <see cref="KeyRingOptions.Generate"/>, first makes and retires keys as of <paramref name="now"/>.</summary>
    public static KeyRing Load(KeyRingOptions options, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(options.Directory))
            throw new InvalidOperationException($"{KeyRingOptions.Section}:Directory must name the folder of the provider's keys (the AppHost passes one under .local/).");
        System.IO.Directory.CreateDirectory(options.Directory);
        return new KeyRing(Ensure(options, KeyPurpose.Signing, now), Ensure(options, KeyPurpose.Encryption, now));
    }

    static IReadOnlyList<X509Certificate2> Ensure(KeyRingOptions options, KeyPurpose purpose, DateTimeOffset now)
    {
        var keys = Read(options.Directory, purpose);
        if (options.Generate)
        {
            foreach (var expired in keys.Where(k => k.Certificate.NotAfter.ToUniversalTime() + options.RetainAfterExpiry < now.UtcDateTime).ToList())
            {
                File.Delete(expired.Path);
                keys.Remove(expired);
            }
            if (!keys.Any(k => IsValid(k.Certificate, now)))
                keys.Add(Create(options.Directory, purpose, now.AddMinutes(-5), now + options.Lifetime));
            var newest = keys.MaxBy(k => k.Certificate.NotAfter)!;
            if (newest.Certificate.NotAfter.ToUniversalTime() - now.UtcDateTime < options.RolloverLead)
                keys.Add(Create(options.Directory, purpose, now + options.PublishAhead, now + options.PublishAhead + options.Lifetime));
        }

        if (!keys.Any(k => IsValid(k.Certificate, now)))
            throw new InvalidOperationException(
                $"No {purpose.ToString().ToLowerInvariant()} key in {options.Directory} is valid now ({now:u}); add one (see docs/identity.md) or set {KeyRingOptions.Section}:Generate=true.");
        return [.. keys.OrderByDescending(k => IsValid(k.Certificate, now)).ThenByDescending(k => k.Certificate.NotAfter).Select(k => k.Certificate)];
    }

    static bool IsValid(X509Certificate2 certificate, DateTimeOffset now) =>
        certificate.NotBefore.ToUniversalTime() <= now.UtcDateTime && now.UtcDateTime < certificate.NotAfter.ToUniversalTime();

    sealed record StoredKey(string Path, X509Certificate2 Certificate);

    static List<StoredKey> Read(string directory, KeyPurpose purpose) =>
        [.. System.IO.Directory.EnumerateFiles(directory, $"{Prefix(purpose)}*.pem")
            .Order(StringComparer.Ordinal)
            .Select(path => new StoredKey(path, X509Certificate2.CreateFromPemFile(path)))];

    static string Prefix(KeyPurpose purpose) => purpose == KeyPurpose.Signing ? "signing-" : "encryption-";

    static StoredKey Create(string directory, KeyPurpose purpose, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=Network identity provider {purpose.ToString().ToLowerInvariant()} key", rsa,
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            purpose == KeyPurpose.Signing ? X509KeyUsageFlags.DigitalSignature : X509KeyUsageFlags.KeyEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);

        var path = Path.Combine(directory, $"{Prefix(purpose)}{notBefore.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.pem");
        var pem = certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem() + "\n";
        File.WriteAllText(path, pem);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new StoredKey(path, X509Certificate2.CreateFromPemFile(path));
    }
}
