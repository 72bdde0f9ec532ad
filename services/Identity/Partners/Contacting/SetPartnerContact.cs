using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Identity.Audit;
using Network.Identity.Partners.Viewing;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Identity.Partners.Contacting;

/// <param name="ContactEmail">Who at the partner hears from the platform (a disabled webhook subscription).</param>
public sealed record SetPartnerContactRequest(string? ContactEmail);

public static class SetPartnerContact
{
    /// <summary>PUT /partners/{id}/contact: staff only. Sets where notices to the partner go; a revoked partner's is kept as it was.</summary>
    public static async Task<Ok<PartnerClientResponse>> Handle(Guid id, SetPartnerContactRequest request, HttpContext http,
        IDocumentSession session, AuditLog audit, CancellationToken ct)
    {
        var contact = request.ContactEmail?.Trim();
        new Validation().Required("contactEmail", contact, Validation.MaxEmailLength).Email("contactEmail", contact).ThrowIfInvalid();
        var partner = await session.LoadAsync<PartnerClient>(id, ct) ?? throw new ResourceNotFound("Partner client", id);
        if (!partner.IsActive)
            throw new DomainRuleViolation("This partner client was revoked: it hears nothing from the platform any more.");
        if (partner.ContactEmail == contact) return TypedResults.Ok(PartnerClientResponse.From(partner));
        partner.ContactEmail = contact;
        session.Update(partner);
        audit.Add(session, AuditKind.PartnerContactChanged, partner.ClientId, http.User.Actor().Id);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(PartnerClientResponse.From(partner));
    }
}
