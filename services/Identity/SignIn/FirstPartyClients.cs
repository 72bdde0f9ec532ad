using Network.Platform.Auth;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Network.Identity.SignIn;

/// <summary>
/// The Network's own clients and API scopes, made (or brought up to date) at every start. Both clients are public
/// (no secret: they run where a secret cannot be kept) and first-party, so nobody is asked for consent.
/// </summary>
public static class FirstPartyClients
{
    /// <summary>Scripts, the README and the tests: the password grant, allowed for this client only (OAuth 2.1 drops it elsewhere).</summary>
    public const string Cli = "network-cli";

    /// <summary>The staff web UI and other browser or native apps of ours: authorization code with PKCE.</summary>
    public const string Web = "network-web";

    /// <summary>Loopback redirect for native apps (RFC 8252) and tests; the browser never reaches a server there.</summary>
    public const string NativeRedirectUri = "http://127.0.0.1/callback";

    static readonly string[] PersonScopes = [Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess];

    public static async Task EnsureAsync(IOpenIddictApplicationManager applications, IOpenIddictScopeManager scopes,
        ProviderOptions options, CancellationToken ct)
    {
        foreach (var scope in ApiScopes.All)
            if (await scopes.FindByNameAsync(scope, ct) is null)
                await scopes.CreateAsync(new OpenIddictScopeDescriptor { Name = scope, Resources = { scope } }, ct);

        await EnsureAsync(applications, Descriptor(Cli, "Network command line", [GrantTypes.Password, GrantTypes.RefreshToken], []), ct);
        await EnsureAsync(applications, Descriptor(Web, "Network web", [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
            [NativeRedirectUri, .. options.WebRedirectUris, options.PublicUrl("signin-oidc")]), ct);
    }

    static OpenIddictApplicationDescriptor Descriptor(string clientId, string name, string[] grants, string[] redirectUris)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            DisplayName = name,
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Native,
            ConsentType = ConsentTypes.Implicit,
        };
        descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Endpoints.Revocation]);
        foreach (var grant in grants) descriptor.Permissions.Add(Permissions.Prefixes.GrantType + grant);
        foreach (var scope in PersonScopes.Concat(ApiScopes.All)) descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        if (grants.Contains(GrantTypes.AuthorizationCode))
        {
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession, Permissions.ResponseTypes.Code]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }
        foreach (var uri in redirectUris.Distinct()) descriptor.RedirectUris.Add(new Uri(uri));
        return descriptor;
    }

    static async Task EnsureAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor, CancellationToken ct)
    {
        var existing = await applications.FindByClientIdAsync(descriptor.ClientId!, ct);
        if (existing is null) await applications.CreateAsync(descriptor, ct);
        else await applications.UpdateAsync(existing, descriptor, ct);
    }
}
