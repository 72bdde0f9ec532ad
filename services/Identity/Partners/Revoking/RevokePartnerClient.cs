using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Identity.Audit;
using Network.Identity.Partners.Viewing;
using Network.Platform.Auth;
using Network.Platform.Http;
using OpenIddict.Abstractions;

namespace Network.Identity.Partners.Revoking;

public static class RevokePartnerClient
{
    /// <summary>
    /// DELETE /partners/{id}: staff only. The client is deleted from OpenIddict (its secret stops working, its stored
    /// tokens are revoked), the record says when and by whom, and the published <see cref="PartnerClientRevoked"/> makes
    /// every service refuse its access tokens before they expire. Revoking twice changes nothing.
    /// </summary>
    public static async Task<Ok<PartnerClientResponse>> Handle(Guid id, HttpContext http, IOpenIddictApplicationManager applications,
        IOpenIddictTokenManager tokens, IDocumentSession session, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var partner = await session.LoadAsync<PartnerClient>(id, ct) ?? throw new ResourceNotFound("Partner client", id);
        if (!partner.IsActive) return TypedResults.Ok(PartnerClientResponse.From(partner));

        if (await applications.FindByClientIdAsync(partner.ClientId, ct) is { } application)
        {
            await tokens.RevokeByApplicationIdAsync((await applications.GetIdAsync(application, ct))!, ct);
            await applications.DeleteAsync(application, ct);
        }

        var actor = http.User.Actor();
        partner.RevokedAt = clock.GetUtcNow();
        partner.RevokedBy = actor.Id;
        session.Update(partner);
        session.Events.Append(partner.Id, new PartnerClientRevoked(partner.Id, partner.ClientId, actor.Id, partner.RevokedAt.Value));
        audit.Add(session, AuditKind.PartnerClientRevoked, partner.ClientId, actor.Id);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(PartnerClientResponse.From(partner));
    }
}
