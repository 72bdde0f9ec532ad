using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Identity.Audit;
using Microsoft.Extensions.Options;
using Network.Identity.SignIn;
using Network.Platform.Auth;
using Network.Platform.Http;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Network.Identity.Partners.Creating;

/// <param name="Scopes">API scopes, one per service whose data the partner may read: directory, forum, events, knowledge; and
/// partners, to manage its webhook subscriptions and replay the public events of the services it has scopes for.</param>
/// <param name="ContactEmail">Who at the partner hears from the platform: when one of its webhook subscriptions was disabled.</param>
public sealed record CreatePartnerClientRequest(string? Name, IReadOnlyList<string>? Scopes, string? ContactEmail);

/// <summary>The one answer that shows the secret: it is stored only as a hash and cannot be shown again.</summary>
public sealed record CreatedPartnerClient(Guid Id, string ClientId, string ClientSecret, string Name, IReadOnlyList<string> Scopes,
    string ContactEmail, string TokenEndpoint);

public static class CreatePartnerClient
{
    public const int MaxNameLength = 200;
    public static readonly IReadOnlyList<string> PartnerScopes = [ApiScopes.Directory, ApiScopes.Forum, ApiScopes.Events, ApiScopes.Knowledge,
        ApiScopes.Partners];

    public static (string Name, List<string> Scopes, string ContactEmail) Validate(CreatePartnerClientRequest request)
    {
        var contact = request.ContactEmail?.Trim();
        var v = new Validation().Required("name", request.Name, MaxNameLength)
            .Required("contactEmail", contact, Validation.MaxEmailLength).Email("contactEmail", contact);
        var scopes = request.Scopes?.Select(s => s?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (scopes.Count == 0)
            v.Add("scopes", $"Name at least one scope: {string.Join(", ", PartnerScopes)}.");
        foreach (var unknown in scopes.Where(s => !PartnerScopes.Contains(s)))
            v.Add("scopes", $"'{unknown}' is not a partner scope; one of: {string.Join(", ", PartnerScopes)}.");
        v.ThrowIfInvalid();
        return (request.Name!.Trim(), scopes, contact!);
    }

    /// <summary>POST /partners: staff only. Creates the OpenIddict client (confidential, client credentials) first, then the record.</summary>
    public static async Task<Created<CreatedPartnerClient>> Handle(CreatePartnerClientRequest request, HttpContext http,
        IOpenIddictApplicationManager applications, IDocumentSession session, AuditLog audit, TimeProvider clock,
        IOptions<ProviderOptions> provider, CancellationToken ct)
    {
        var (name, scopes, contact) = Validate(request);
        var id = Guid.CreateVersion7();
        var clientId = "partner-" + SecretTokens.New()[..12].ToLowerInvariant().Replace('_', 'x').Replace('-', 'y');
        var secret = SecretTokens.New();

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            DisplayName = name,
            ClientType = ClientTypes.Confidential,
        };
        descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Endpoints.Introspection,
            Permissions.Endpoints.Revocation, Permissions.GrantTypes.ClientCredentials]);
        foreach (var scope in scopes) descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        await applications.CreateAsync(descriptor, ct);

        var actor = http.User.Actor();
        session.Insert(new PartnerClient
        {
            Id = id, ClientId = clientId, Name = name, Scopes = scopes, ContactEmail = contact, CreatedAt = clock.GetUtcNow(), CreatedBy = actor.Id,
        });
        audit.Add(session, AuditKind.PartnerClientCreated, clientId, actor.Id, $"Scopes: {string.Join(' ', scopes)}.");
        await session.SaveChangesAsync(ct);

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/partners/{id}",
            new CreatedPartnerClient(id, clientId, secret, name, scopes, contact, provider.Value.PublicUrl("connect/token")));
    }
}
