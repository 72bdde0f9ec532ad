using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Network.Identity.Accounts;
using Network.Identity.Accounts.Closing;
using Network.Identity.Audit;
using Network.Identity.Data;
using Network.Identity.Partners;
using Network.Platform.Auth;
using Network.Platform.Http;
using Network.Platform.Mail;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Network.Identity.SignIn;

/// <summary>
/// The OpenID Connect provider: ASP.NET Core Identity (accounts, password hashing, lockout, TOTP) and the OpenIddict
/// server on their EF Core stores in the Identity service's database, its key ring, its mail and its rate limit.
/// </summary>
public static class ProviderSetup
{
    public const string SignInRateLimit = "sign-in";
    public const string Database = "identity-db";

    public static WebApplicationBuilder AddIdentityProvider(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var environment = builder.Environment;
        var developing = environment.IsDevelopment() || environment.IsEnvironment("Testing");

        services.AddOptions<ProviderOptions>().BindConfiguration(ProviderOptions.Section)
            .PostConfigure(o => o.RequireStaffTwoFactor ??= !developing);
        var provider = configuration.GetSection(ProviderOptions.Section).Get<ProviderOptions>() ?? new ProviderOptions();
        if (provider.IssuerUri.Scheme != Uri.UriSchemeHttps && !developing)
            throw new InvalidOperationException($"Identity:Issuer must be an https address outside Development and Testing, not '{provider.Issuer}'.");

        var keyRingOptions = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var keys = KeyRing.Load(keyRingOptions, DateTimeOffset.UtcNow);
        services.AddSingleton(keys);
        // The provider checks the tokens of its own API with its own keys: no round trip to itself.
        services.Replace(ServiceDescriptor.Singleton<IConfigurationManager<OpenIdConnectConfiguration>>(
            ProviderKeys.Fixed(provider.IssuerUri.ToString(), keys.Signing.Select(c => new X509SecurityKey(c)))));

        var connectionString = configuration.GetConnectionString(Database)
            ?? throw new InvalidOperationException($"ConnectionStrings:{Database} is not set (the AppHost passes it).");
        services.AddDbContext<IdentityDb>(options => options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(IdentityDb.MigrationsHistoryTable, IdentityDb.Schema))
            .UseOpenIddict());

        services.AddIdentityCore<Account>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = ""; // the user name is the e-mail address, checked as one (ä, é are fine)
                options.SignIn.RequireConfirmedEmail = true;
                // Length over composition (NIST SP 800-63B): long passphrases, no forced character classes.
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 5;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = provider.MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = provider.LockoutDuration;
                options.ClaimsIdentity.UserIdClaimType = Claims.Subject;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<IdentityDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddAccountTokens(provider.InvitationLifetime, provider.PasswordResetLifetime);
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = provider.PasswordHashIterations);
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthentication().AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.Cookie.Name = "network.signin";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        }));
        services.AddDataProtection().PersistKeysToDbContext<IdentityDb>().SetApplicationName("network-identity");
        services.AddAntiforgery();

        services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
            .AddServer(options =>
            {
                options.SetIssuer(provider.IssuerUri);
                options.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetIntrospectionEndpointUris("connect/introspect")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetEndSessionEndpointUris("connect/logout");
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .AllowPasswordFlow();
                options.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess, .. ApiScopes.All]);
                options.RegisterClaims([Claims.Subject, Claims.Name, Claims.Email, Claims.Role, NetworkClaims.Organisation]);
                options.SetAccessTokenLifetime(provider.AccessTokenLifetime)
                    .SetIdentityTokenLifetime(provider.AccessTokenLifetime)
                    .SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(2))
                    .SetRefreshTokenLifetime(provider.RefreshTokenLifetime)
                    // Strict rotation: a refresh token works once (OpenIddict's default allows reuse for 30 s).
                    .SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                // Signed, not encrypted: every service reads them with the JWKS (see docs/identity.md).
                options.DisableAccessTokenEncryption();
                foreach (var key in keys.Signing) options.AddSigningCertificate(key);
                foreach (var key in keys.Encryption) options.AddEncryptionCertificate(key);

                options.AddEventHandler(OAuthErrorsAsProblems<ApplyTokenResponseContext>.Descriptor)
                    .AddEventHandler(OAuthErrorsAsProblems<ApplyRevocationResponseContext>.Descriptor)
                    .AddEventHandler(OAuthErrorsAsProblems<ApplyIntrospectionResponseContext>.Descriptor)
                    .AddEventHandler(OAuthErrorsAsProblems<ApplyUserInfoResponseContext>.Descriptor)
                    .AddEventHandler(OAuthErrorsAsProblems<ApplyAuthorizationResponseContext>.Descriptor)
                    .AddEventHandler(OAuthErrorsAsProblems<ApplyEndSessionResponseContext>.Descriptor);

                var aspNetCore = options.UseAspNetCore()
                    .SuppressJsonResponseIndentation()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (provider.IssuerUri.Scheme != Uri.UriSchemeHttps) aspNetCore.DisableTransportSecurityRequirement();
            });

        services.Configure<RateLimiterOptions>(limiter =>
            limiter.AddPolicy(SignInRateLimit, http => RateLimiting.PerClientAddress(http, provider.SignInRateLimitPerMinute)));
        services.AddNetworkMail(configuration);
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<TokenClaims>();
        services.AddScoped<AuditLog>();
        services.AddScoped<CloseAccount>();
        services.AddScoped<PartnerClients>();
        return builder;
    }
}
