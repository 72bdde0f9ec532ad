using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Events.NetworkEvents.Viewing;

/// <summary>A registration as staff see it (the public see only the counts).</summary>
public sealed record RegistrationView(Guid RegistrationId, string PersonId, string PersonName, Guid? OrganisationId,
    RegistrationStatus Status, DateTimeOffset RegisteredAt, bool Attended);

public sealed record EventResponse(
    Guid Id, EventKind Kind, LocalizedText Title, LocalizedText Description, DateTimeOffset Start, DateTimeOffset End,
    string? MunicipalityAgs, string? Venue, string? OnlineLink, Guid OrganiserId, IReadOnlyList<string> Languages,
    int Capacity, DateTimeOffset RegistrationOpens, DateTimeOffset RegistrationCloses, string? AccessibilityNotes,
    Guid? LocalNetworkId, EventStatus Status, int ConfirmedCount, int WaitlistedCount, string? CancellationReason,
    string? Summary, IReadOnlyList<string> Links, long Version, IReadOnlyList<RegistrationView>? Registrations = null)
{
    public static EventResponse From(NetworkEvent e, bool withRegistrations) => new(
        e.Id, e.Kind, e.Title, e.Description, e.Start, e.End, e.MunicipalityAgs, e.Venue, e.OnlineLink, e.OrganiserId, e.Languages,
        e.Capacity, e.RegistrationOpens, e.RegistrationCloses, e.AccessibilityNotes, e.LocalNetworkId, e.Status,
        e.Confirmed.Count(), e.WaitingList.Count(), e.CancellationReason, e.Summary, e.Links, e.Version,
        withRegistrations
            ? [.. e.Registrations.Select(r => new RegistrationView(r.RegistrationId, r.PersonId, r.PersonName, r.OrganisationId, r.Status, r.RegisteredAt, r.Attended))]
            : null);
}

public static class GetEvent
{
    /// <summary>Drafts are for staff only; everybody else gets a 404 for them.</summary>
    public static bool MaySee(this System.Security.Claims.ClaimsPrincipal user, NetworkEvent e) => user.IsStaff() || e.Status != EventStatus.Draft;

    /// <summary>GET /events/{id}: with its ETag; the list of registrations for staff only.</summary>
    public static async Task<Ok<EventResponse>> Handle(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var e = await session.LoadAsync<NetworkEvent>(id, ct);
        if (e is null || !http.User.MaySee(e)) throw new ResourceNotFound("Event", id);
        http.Response.SetETag(e.Version);
        return TypedResults.Ok(EventResponse.From(e, http.User.IsStaff()));
    }

    /// <summary>The answer of a command: the event as now stored, with its new ETag.</summary>
    internal static async Task<Ok<EventResponse>> Respond(Guid id, long version, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var e = await session.LoadAsync<NetworkEvent>(id, ct) ?? throw new ResourceNotFound("Event", id);
        http.Response.SetETag(version);
        return TypedResults.Ok(EventResponse.From(e, http.User.IsStaff()));
    }
}
