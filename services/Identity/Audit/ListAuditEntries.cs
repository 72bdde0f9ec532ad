using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Identity.Audit;

public static class ListAuditEntries
{
    /// <summary>GET /audit?subject=&amp;kind=&amp;from=&amp;to=: staff only; newest first, paged.</summary>
    public static async Task<Ok<Page<AuditEntry>>> Handle(string? subject, AuditKind? kind, DateTimeOffset? from, DateTimeOffset? to,
        int? page, int? pageSize, IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation().MaxLength("subject", subject, 200);
        if (kind is { } k && !Enum.IsDefined(k)) validation.Defined("kind", kind);
        if (from > to) validation.Add("from", "'from' must not be after 'to'.");
        var (pageNumber, size) = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();

        var query = session.Query<AuditEntry>().AsQueryable();
        if (!string.IsNullOrWhiteSpace(subject)) query = query.Where(e => e.Subject == subject.Trim());
        if (kind is { } wanted) query = query.Where(e => e.Kind == wanted);
        if (from is { } start) query = query.Where(e => e.At >= start);
        if (to is { } end) query = query.Where(e => e.At <= end);
        return TypedResults.Ok(await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToPageAsync((pageNumber, size), ct));
    }

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit", Handle).WithTags("Audit").RequireAuthorization(Policies.Staff);
        return app;
    }

    public static void ConfigureAuditStore(this StoreOptions store) =>
        store.Schema.For<AuditEntry>().Index(e => e.At).Index(e => e.Subject);
}
