namespace Network.Gateway.SignIn;

/// <summary>
/// The <c>Auth</c> configuration section. Secrets (signing key, bootstrap password) come from AppHost
/// parameters and have no default here.
/// </summary>
public sealed class GatewayAuthOptions
{
    public const string Section = "Auth";
    public const string DefaultBootstrapStaffEmail = "staff@network.example";

    /// <summary><c>Auth:SigningKey</c>, the AppHost's <c>auth-signing-key</c> parameter.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary><c>Auth:BootstrapStaffEmail</c>.</summary>
    public string BootstrapStaffEmail { get; set; } = DefaultBootstrapStaffEmail;

    /// <summary><c>Auth:BootstrapStaffPassword</c>; when unset, the token endpoint answers 503.</summary>
    public string? BootstrapStaffPassword { get; set; }

    /// <summary><c>Auth:TokenLifetimeMinutes</c>.</summary>
    public int TokenLifetimeMinutes { get; set; } = 60;

    /// <summary><c>Auth:TokenRateLimitPerMinute</c>, per client IP; 0 or less switches the limit off.</summary>
    public int TokenRateLimitPerMinute { get; set; } = 30;

    public bool IsBootstrapPasswordSet => !string.IsNullOrWhiteSpace(BootstrapStaffPassword);

    public TimeSpan TokenLifetime => TimeSpan.FromMinutes(TokenLifetimeMinutes);
}
