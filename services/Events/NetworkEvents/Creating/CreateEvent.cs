using Network.Platform.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.NetworkEvents.Viewing;
using Network.Events.Organisations;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Events.NetworkEvents.Creating;

public sealed record CreateEventRequest(
    EventKind? Kind,
    LocalizedText? Title,
    LocalizedText? Description,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    string? MunicipalityAgs,
    string? Venue,
    string? OnlineLink,
    Guid? OrganiserId,
    IReadOnlyList<string>? Languages,
    int? Capacity,
    DateTimeOffset? RegistrationOpens,
    DateTimeOffset? RegistrationCloses,
    string? AccessibilityNotes = null,
    Guid? LocalNetworkId = null,
    IReadOnlyList<string>? Themes = null);

public static class CreateEvent
{
    public static EventDetails Validate(CreateEventRequest r)
    {
        var v = new Validation().Defined("kind", r.Kind);
        if (string.IsNullOrWhiteSpace(r.Title?.De) && string.IsNullOrWhiteSpace(r.Title?.En))
            v.Add("title", "'title' needs a German or an English text (or both).");
        v.MaxLength("title.de", r.Title?.De, 200).MaxLength("title.en", r.Title?.En, 200)
            .MaxLength("description.de", r.Description?.De, 8000).MaxLength("description.en", r.Description?.En, 8000)
            .Schedule(r.Start, r.End, r.RegistrationOpens, r.RegistrationCloses)
            .Capacity(r.Capacity)
            .MunicipalityKey("municipalityAgs", r.MunicipalityAgs)
            .MaxLength("venue", r.Venue, 500).MaxLength("accessibilityNotes", r.AccessibilityNotes, 2000)
            .MaxLength("onlineLink", r.OnlineLink, EventRules.MaxLinkLength);
        if (r.OnlineLink is not null && !WebAddresses.IsValid(r.OnlineLink))
            v.Add("onlineLink", "'onlineLink' must be an absolute http(s) URL.");
        if (string.IsNullOrWhiteSpace(r.MunicipalityAgs) && string.IsNullOrWhiteSpace(r.OnlineLink))
            v.Add("venue", "An event needs a municipality (AGS) with a venue, or an online link.");
        if (r.OrganiserId is null || r.OrganiserId == Guid.Empty) v.Add("organiserId", "'organiserId' is required.");
        if (r.Languages is null || r.Languages.Count == 0) v.Add("languages", "'languages' needs at least one ISO 639-1 code, e.g. \"de\".");
        else if (r.Languages.Any(l => l is null || !EventRules.LanguageCode().IsMatch(l)))
            v.Add("languages", "'languages' are ISO 639-1 codes: two lower-case letters, e.g. \"de\", \"en\".");
        v.ThemeKeyList("themes", r.Themes, EventRules.MaxThemes);
        v.ThrowIfInvalid();
        return new EventDetails(r.Kind!.Value, r.Title!.Trimmed(), (r.Description ?? LocalizedText.Empty).Trimmed(), r.Start!.Value, r.End!.Value,
            r.MunicipalityAgs, r.Venue?.Trim(), r.OnlineLink, r.OrganiserId!.Value, [.. r.Languages!.Distinct()], r.Capacity!.Value,
            r.RegistrationOpens!.Value, r.RegistrationCloses!.Value, r.AccessibilityNotes?.Trim(), r.LocalNetworkId)
        {
            Themes = [.. (r.Themes ?? []).Distinct()],
        };
    }

    /// <summary>The organiser must be an organisation the Directory told us about and not archived (409 otherwise).</summary>
    public static IReadOnlyList<object> Decide(Guid id, EventDetails details, KnownOrganisation? organiser, Actor by, DateTimeOffset at)
    {
        if (organiser is not { Registered: true, Archived: false })
            throw new DomainRuleViolation(
                $"Organiser '{details.OrganiserId}' is not an organisation known from the Directory (or it is archived).",
                StatusCodes.Status409Conflict, "Unknown organiser");
        return [new EventCreated(id, details, by.Id, at)];
    }

    /// <summary>POST /events: staff only; the event starts as a draft.</summary>
    public static async Task<Created<EventResponse>> Handle(
        CreateEventRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var details = Validate(request);
        var organiser = await session.LoadAsync<KnownOrganisation>(details.OrganiserId, ct);
        var id = Guid.CreateVersion7();
        var created = Decide(id, details, organiser, http.User.Actor(), clock.GetUtcNow());
        var version = await session.StartAsync<NetworkEvent>(id, created, ct);
        var response = GetEvent.Respond(new Decision<NetworkEvent>(null!, created, version), http);
        return TypedResults.Created($"/events/{id}", response.Value);
    }
}
