using System.Collections.Immutable;
using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using Network.Identity.Accounts;
using Network.Identity.People;
using Network.Platform.Auth;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Network.Identity.SignIn;

/// <summary>
/// What a token says about its holder, worked out anew at every sign-in, refresh and code redemption: roles from
/// the account (staff) and from the Directory's memberships (member; coordinator when one of their organisations
/// coordinates a local network), and the organisations they act for now, from the local read model. So a person who
/// left an organisation loses its <c>org</c> claim at their next refresh.
/// </summary>
public sealed class TokenClaims(UserManager<Account> accounts, IQuerySession directory, IOpenIddictScopeManager scopes)
{
    public async Task<ClaimsPrincipal> ForAccountAsync(Account account, ImmutableArray<string> requestedScopes, CancellationToken ct)
    {
        var roles = new SortedSet<string>(await accounts.GetRolesAsync(account), StringComparer.Ordinal);
        IReadOnlyList<Guid> organisations = [];
        if (account.PersonId is { } personId)
        {
            roles.Add(Roles.Member);
            var actingFor = (await directory.LoadAsync<KnownPerson>(personId, ct))?.ActingFor.ToArray() ?? [];
            organisations = actingFor;
            if (actingFor.Length > 0
                && await directory.Query<CoordinatingOrganisation>().AnyAsync(c => actingFor.Contains(c.OrganisationId), ct))
                roles.Add(Roles.Coordinator);
        }

        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, account.Id.ToString())
            .SetClaim(Claims.Name, account.DisplayName)
            .SetClaim(Claims.Email, account.Email)
            .SetClaims(Claims.Role, [.. roles])
            .SetClaims(NetworkClaims.Organisation, [.. organisations.Select(o => o.ToString())]);
        return await WithScopesAsync(identity, GrantedToPeople(requestedScopes), ct);
    }

    /// <summary>A partner system: its client id is its subject; it gets the API scopes it asked for among those staff granted it.</summary>
    public async Task<ClaimsPrincipal> ForPartnerAsync(string clientId, string? name, ImmutableArray<string> requestedScopes,
        IReadOnlyCollection<string> permittedScopes, CancellationToken ct)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.Name, name ?? clientId)
            .SetClaims(Claims.Role, [Roles.Partner]);
        var granted = requestedScopes.IsDefaultOrEmpty ? permittedScopes : requestedScopes.Intersect(permittedScopes);
        return await WithScopesAsync(identity, [.. granted], ct);
    }

    /// <summary>A first-party client that names no API scope gets all of them; one that names some gets those.</summary>
    static ImmutableArray<string> GrantedToPeople(ImmutableArray<string> requested)
    {
        var asked = requested.IsDefault ? [] : requested;
        return asked.Any(ApiScopes.All.Contains) ? asked : [.. asked, .. ApiScopes.All];
    }

    async Task<ClaimsPrincipal> WithScopesAsync(ClaimsIdentity identity, ImmutableArray<string> granted, CancellationToken ct)
    {
        identity.SetScopes(granted);
        identity.SetResources(await scopes.ListResourcesAsync(granted, ct).ToListAsync(ct));
        identity.SetDestinations(Destinations);
        return new ClaimsPrincipal(identity);
    }

    static ClaimsIdentity NewIdentity() => new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    /// <summary>The access token carries sub, name, roles and organisations; the e-mail address only the ID token, when asked for.</summary>
    static IEnumerable<string> Destinations(Claim claim) => claim.Type switch
    {
        Claims.Subject => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Name => IdTokenToo(claim, Scopes.Profile),
        Claims.Role => IdTokenToo(claim, Scopes.Roles),
        NetworkClaims.Organisation => IdTokenToo(claim, Scopes.Profile),
        Claims.Email => claim.Subject!.HasScope(Scopes.Email) ? [OpenIddictConstants.Destinations.IdentityToken] : [],
        _ => [],
    };

    static IEnumerable<string> IdTokenToo(Claim claim, string scope) => claim.Subject!.HasScope(scope)
        ? [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken]
        : [OpenIddictConstants.Destinations.AccessToken];
}
