using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Network.Partners.Subscriptions;
using Xunit;

namespace Network.Tests.Partners;

/// <summary>The signing secrets' encryption at rest (docs/partners.md, "Secrets at rest"): what a copy of the database does not give away.</summary>
public class SecretProtectionTests
{
    const string KeyA = "a-configured-key-of-at-least-32-characters-AAAA";
    const string KeyB = "another-configured-key-of-32-or-more-chars-BBBB";

    static SecretProtection With(string key, params string[] previous) =>
        new(Options.Create(new SecretProtectionOptions { SecretsKey = key, PreviousSecretsKeys = [.. previous] }));

    [Fact]
    public void A_secret_is_stored_encrypted_differently_each_time_and_opens_only_for_its_own_subscription()
    {
        var protection = With(KeyA);
        var subscription = Guid.CreateVersion7();
        var secret = SigningSecrets.New();
        var once = protection.Protect(secret, subscription);
        var twice = protection.Protect(secret, subscription);

        Assert.StartsWith($"v1:{protection.CurrentKeyId}:", once);
        Assert.DoesNotContain(secret[SigningSecrets.Prefix.Length..], once);
        Assert.NotEqual(once, twice); // a fresh nonce each time
        Assert.Equal(secret, protection.Unprotect(once, subscription));
        Assert.Equal(secret, protection.Unprotect(twice, subscription));
        // Copied into another subscription's document, it does not open (the subscription id is the associated data).
        Assert.ThrowsAny<CryptographicException>(() => protection.Unprotect(once, Guid.CreateVersion7()));
    }

    [Fact]
    public void A_changed_value_does_not_open()
    {
        var protection = With(KeyA);
        var subscription = Guid.CreateVersion7();
        var stored = protection.Protect(SigningSecrets.New(), subscription);
        var last = stored[^1];
        var flipped = stored[..^1] + (last == 'A' ? 'B' : 'A');
        Assert.ThrowsAny<CryptographicException>(() => protection.Unprotect(flipped, subscription));
        Assert.ThrowsAny<CryptographicException>(() => protection.Unprotect(stored[..20], subscription));
        Assert.ThrowsAny<CryptographicException>(() => protection.Unprotect("v2:" + stored[3..], subscription));
        Assert.ThrowsAny<CryptographicException>(() => protection.Unprotect(stored.Replace(stored.Split(':')[2], "!!not base64!!"), subscription));
    }

    [Fact]
    public void A_replaced_key_still_opens_what_it_encrypted_while_it_is_configured_as_previous()
    {
        var subscription = Guid.CreateVersion7();
        var secret = SigningSecrets.New();
        var underA = With(KeyA).Protect(secret, subscription);

        var rotated = With(KeyB, KeyA);
        Assert.Equal(secret, rotated.Unprotect(underA, subscription));
        Assert.False(rotated.IsCurrent(underA));
        Assert.True(rotated.IsCurrent(rotated.Protect(secret, subscription)));

        var refused = Assert.ThrowsAny<CryptographicException>(() => With(KeyB).Unprotect(underA, subscription));
        Assert.Contains("PreviousSecretsKeys", refused.Message);
    }

    [Fact]
    public void A_secret_stored_before_encryption_is_read_as_it_is_and_counts_as_stale()
    {
        var protection = With(KeyA);
        var legacy = SigningSecrets.New();
        Assert.Equal(legacy, protection.Unprotect(legacy, Guid.CreateVersion7()));
        Assert.False(protection.IsCurrent(legacy));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("too-short-for-a-key")]
    public void The_service_does_not_start_without_a_key_of_32_characters(string? key)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => With(key!));
        Assert.Contains("Partners:SecretsKey", refused.Message);
    }
}
