using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Http;

namespace Network.Identity.Partners.Viewing;

public sealed record PartnerClientResponse(Guid Id, string ClientId, string Name, IReadOnlyList<string> Scopes, string? ContactEmail,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, string? RevokedBy)
{
    public static PartnerClientResponse From(PartnerClient p) =>
        new(p.Id, p.ClientId, p.Name, p.Scopes, p.ContactEmail, p.CreatedAt, p.CreatedBy, p.RevokedAt, p.RevokedBy);
}

public static class ListPartnerClients
{
    /// <summary>GET /partners: staff only; newest first, paged; revoked ones too (with when and by whom).</summary>
    public static async Task<Ok<Page<PartnerClientResponse>>> Handle(int? page, int? pageSize, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        var (pageNumber, size) = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();
        var partners = await session.Query<PartnerClient>()
            .OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id)
            .ToPageAsync((pageNumber, size), ct);
        return TypedResults.Ok(partners.Map(PartnerClientResponse.From));
    }

    /// <summary>GET /partners/{id}: staff only.</summary>
    public static async Task<Ok<PartnerClientResponse>> HandleOne(Guid id, IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok(PartnerClientResponse.From(await session.LoadAsync<PartnerClient>(id, ct) ?? throw new ResourceNotFound("Partner client", id)));
}
