namespace Network.Identity.SignIn;

/// <summary>
/// Configuration section <c>Identity</c> of the provider. <c>Issuer</c> (its public address, the gateway's) is
/// shared with every service (<see cref="Network.Platform.Auth.ProviderSettings"/>); the rest is the provider's own.
/// </summary>
public sealed class ProviderOptions
{
    public const string Section = "Identity";

    public string Issuer { get; set; } = "";

    /// <summary>Access tokens are short-lived: a person who leaves an organisation loses its claim at the next refresh.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Staff must use a second factor (TOTP). On by default outside Development and Testing.</summary>
    public bool? RequireStaffTwoFactor { get; set; }

    /// <summary>Failed sign-ins (password or one-time code) in a row before the account is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>PBKDF2 iterations of a password hash (ASP.NET Core Identity's default); a test run may lower it for speed.</summary>
    public int PasswordHashIterations { get; set; } = 100_000;

    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Requests to the token endpoint and the sign-in form per client address and minute; 0 switches it off.</summary>
    public int SignInRateLimitPerMinute { get; set; } = 30;

    /// <summary>Where the staff web UI (a public client using code + PKCE) may be sent back to after sign-in.</summary>
    public string[] WebRedirectUris { get; set; } = [];

    public BootstrapStaffOptions BootstrapStaff { get; set; } = new();

    public Uri IssuerUri => Uri.TryCreate(Issuer, UriKind.Absolute, out var issuer)
        ? new Uri(Network.Platform.Auth.ProviderSettings.NormalisedIssuer(issuer))
        : throw new InvalidOperationException($"Identity:Issuer must be the provider's absolute public address (the gateway's), not '{Issuer}'.");

    /// <summary>An absolute address on the provider's public side, e.g. the link in an invitation mail.</summary>
    public string PublicUrl(string relative) => new Uri(IssuerUri, relative).ToString();
}

/// <summary><c>Identity:BootstrapStaff</c>: the one staff account that exists from the first start (development and scripts).</summary>
public sealed class BootstrapStaffOptions
{
    public string Email { get; set; } = "staff@network.example";

    /// <summary>The AppHost's generated <c>bootstrap-staff-password</c> parameter; no account is made without it.</summary>
    public string? Password { get; set; }
}
