namespace Network.Partners;

/// <summary>Settings of the partner-delivery service (section <c>Partners</c>).</summary>
public sealed class PartnersOptions
{
    public const string Section = "Partners";

    /// <summary>The gateway's public address with a trailing slash, where the links in events point (defaults to the issuer, which is the gateway).</summary>
    public string PublicApiAddress { get; set; } = "http://localhost:5080/";

    /// <summary>How long the previous signing secret stays valid after a rotation (both sign every delivery meanwhile).</summary>
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many subscriptions one partner may have.</summary>
    public int MaxSubscriptionsPerPartner { get; set; } = 20;
}
