using Network.Identity.SignIn;
using Xunit;

namespace Network.Tests.Identity;

/// <summary>The provider's key ring: one key signs, the next is published before it signs, old ones go once nothing they signed is valid.</summary>
public sealed class KeyRingSpecifications : IDisposable
{
    readonly string folder = System.IO.Directory.CreateTempSubdirectory("network-keyring-").FullName;
    static readonly DateTimeOffset Start = new(2027, 1, 1, 12, 0, 0, TimeSpan.Zero);

    KeyRingOptions Options(bool generate = true) => new() { Directory = folder, Generate = generate };

    [Fact]
    public void A_new_folder_gets_one_signing_and_one_encryption_key_valid_now()
    {
        var ring = KeyRing.Load(Options(), Start);
        var signing = Assert.Single(ring.Signing);
        Assert.Single(ring.Encryption);
        Assert.True(signing.NotBefore.ToUniversalTime() <= Start.UtcDateTime && Start.UtcDateTime < signing.NotAfter.ToUniversalTime());
        Assert.Equal(90, (int)Math.Round((signing.NotAfter - signing.NotBefore).TotalDays));
        Assert.True(signing.HasPrivateKey);
    }

    [Fact]
    public void The_same_folder_gives_the_same_keys_at_the_next_start()
    {
        var first = KeyRing.Load(Options(), Start);
        var second = KeyRing.Load(Options(), Start.AddDays(1));
        Assert.Equal(first.Signing.Select(k => k.Thumbprint), second.Signing.Select(k => k.Thumbprint));
    }

    [Fact]
    public void Fourteen_days_before_expiry_the_next_key_is_published_but_the_current_one_still_signs()
    {
        var current = KeyRing.Load(Options(), Start).Signing.Single();
        var ring = KeyRing.Load(Options(), Start.AddDays(90 - 14 + 1));
        Assert.Equal(2, ring.Signing.Count);
        Assert.Equal(current.Thumbprint, ring.Signing[0].Thumbprint); // the first signs
        var next = ring.Signing[1];
        Assert.Equal(Start.AddDays(90 - 14 + 1 + 2).UtcDateTime, next.NotBefore.ToUniversalTime(), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Once_the_next_key_is_valid_it_signs_and_the_old_one_stays_published_until_its_tokens_are_gone()
    {
        var old = KeyRing.Load(Options(), Start).Signing.Single();
        KeyRing.Load(Options(), Start.AddDays(80));                       // makes the next key, valid from day 82
        var switched = KeyRing.Load(Options(), Start.AddDays(83));
        Assert.NotEqual(old.Thumbprint, switched.Signing[0].Thumbprint);
        Assert.Contains(old.Thumbprint, switched.Signing.Select(k => k.Thumbprint));

        var later = KeyRing.Load(Options(), Start.AddDays(90 + 16));      // old expired on day 90, kept 15 days more
        Assert.DoesNotContain(old.Thumbprint, later.Signing.Select(k => k.Thumbprint));
    }

    [Fact]
    public void Without_generation_a_folder_without_a_valid_key_stops_the_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => KeyRing.Load(Options(generate: false), Start));
        Assert.Contains(folder, error.Message);
    }

    public void Dispose() => System.IO.Directory.Delete(folder, recursive: true);
}
