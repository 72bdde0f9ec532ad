using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.Organisations.OutOfSight;

/// <summary>The token is in this answer and nowhere else: hand it to the invited person (e.g. by e-mail).</summary>
public sealed record InvitationResponse(Guid InvitationId, Guid OrganisationId, string Token, DateTimeOffset ExpiresAt, string ClaimWith);

public static class InviteToClaim
{
    /// <summary>Only a shadow profile can be claimed; several invitations may be open, the first claim voids the others.</summary>
    public static IReadOnlyList<object> Decide(Organisation current, Guid invitationId, Actor by, DateTimeOffset at)
    {
        OrganisationRules.EnsureNotArchived(current);
        if (!current.IsShadow)
            throw new DomainRuleViolation(
                $"Organisation '{current.Id}' is not an out-of-sight profile; its owners add members instead.", title: "Not a shadow profile");
        return [new OrganisationInvitationIssued(current.Id, invitationId, at + InvitationTokens.Lifetime, by.Id, at)];
    }

    /// <summary>POST /organisations/{id}/invitations: staff only; honours If-Match.</summary>
    public static async Task<Created<InvitationResponse>> Handle(
        Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        var invitationId = Guid.CreateVersion7();
        var token = SecretTokens.New();
        // Staged before the decision: saved in the same transaction as the event, or not at all.
        session.Insert(new OrganisationInvitation
        {
            Id = invitationId,
            TokenHash = SecretTokens.Hash(token),
            OrganisationId = id,
            IssuedAt = at,
            ExpiresAt = at + InvitationTokens.Lifetime,
            IssuedBy = http.User.Actor().Id,
        });
        var version = await session.DecideAsync<Organisation>(
            id, http.Request.ExpectedVersion(), current => Decide(current, invitationId, http.User.Actor(), at), ct);
        http.Response.SetETag(version);
        return TypedResults.Created((string?)null,
            new InvitationResponse(invitationId, id, token, at + InvitationTokens.Lifetime,
                $"POST {http.Request.PathBase}/organisations/claims {{\"token\": \"...\"}}")); // through the gateway, its path
    }
}
