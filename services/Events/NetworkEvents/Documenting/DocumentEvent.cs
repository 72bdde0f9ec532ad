using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.NetworkEvents.Viewing;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Events.NetworkEvents.Documenting;

public sealed record DocumentEventRequest(string? Summary, IReadOnlyList<string>? Links);

public static class DocumentEvent
{
    /// <summary>A held event gets its summary and links (for the Knowledge service); documenting again replaces them.</summary>
    public static IReadOnlyList<object> Decide(NetworkEvent current, DocumentEventRequest r, Actor by, DateTimeOffset at)
    {
        var v = new Validation().Required("summary", r.Summary, 8000);
        var links = r.Links ?? [];
        if (links.Count > 50) v.Add("links", "At most 50 links.");
        if (links.Any(l => l?.Length > EventRules.MaxLinkLength))
            v.Add("links", $"Each link has at most {EventRules.MaxLinkLength} characters.");
        else if (links.Any(l => !WebAddresses.IsValid(l)))
            v.Add("links", "'links' must be absolute http(s) URLs.");
        v.ThrowIfInvalid();
        EventRules.EnsureStatus(current, "documented", EventStatus.Held, EventStatus.Documented);
        return [new EventDocumented(current.Id, r.Summary!.Trim(), [.. links], by.Id, at)];
    }

    /// <summary>PUT /events/{id}/documentation: staff only; honours If-Match.</summary>
    public static async Task<Ok<EventResponse>> Handle(Guid id, DocumentEventRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var decision = await session.DecideExclusivelyAsync(id, http.Request.ExpectedVersion(), e => Decide(e, request, http.User.Actor(), clock.GetUtcNow()), ct);
        return GetEvent.Respond(decision, http);
    }
}
