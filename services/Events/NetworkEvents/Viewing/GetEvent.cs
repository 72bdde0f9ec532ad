using Network.Platform.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Aggregates;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Events.NetworkEvents.Viewing;

/// <summary>An event as everybody sees it: its details and its counts (staff read the registrations page by page).</summary>
public sealed record EventResponse(
    Guid Id, EventKind Kind, LocalizedText Title, LocalizedText Description, DateTimeOffset Start, DateTimeOffset End,
    string? MunicipalityAgs, string? Venue, string? OnlineLink, Guid OrganiserId, IReadOnlyList<string> Languages,
    int Capacity, DateTimeOffset RegistrationOpens, DateTimeOffset RegistrationCloses, string? AccessibilityNotes,
    Guid? LocalNetworkId, EventStatus Status, int ConfirmedCount, int WaitlistedCount, string? CancellationReason,
    string? Summary, IReadOnlyList<string> Links, IReadOnlyList<string> Themes, long Version)
{
    public static EventResponse From(NetworkEvent e) => new(
        e.Id, e.Kind, e.Title, e.Description, e.Start, e.End, e.MunicipalityAgs, e.Venue, e.OnlineLink, e.OrganiserId, e.Languages,
        e.Capacity, e.RegistrationOpens, e.RegistrationCloses, e.AccessibilityNotes, e.LocalNetworkId, e.Status,
        e.ConfirmedCount, e.WaitingCount, e.CancellationReason, e.Summary, e.Links, e.Themes, e.Version);
}

public static class GetEvent
{
    /// <summary>An event nobody published (a draft, or a draft cancelled) is for staff only; everybody else gets a 404 for it.</summary>
    public static bool MaySee(this System.Security.Claims.ClaimsPrincipal user, NetworkEvent e) => user.IsStaff() || e.WasPublished;

    /// <summary>GET /events/{id}: with its ETag.</summary>
    public static async Task<Ok<EventResponse>> Handle(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var e = await session.LoadAsync<NetworkEvent>(id, ct);
        if (e is null || !http.User.MaySee(e)) throw new ResourceNotFound("Event", id);
        http.Response.SetETag(e.Version);
        return TypedResults.Ok(EventResponse.From(e));
    }

    /// <summary>The answer of a command: the event as the decision left it (folded here, not read again), with its new ETag.</summary>
    internal static Ok<EventResponse> Respond(Decision<NetworkEvent> decision, HttpContext http)
    {
        var after = Aggregate.Fold(decision.Before, decision.Events)!;
        after.Version = decision.Version;
        http.Response.SetETag(decision.Version);
        return TypedResults.Ok(EventResponse.From(after));
    }
}
