using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Events.AdvisoryRequests.Requesting;

/// <summary>A municipality or organisation asks for free advice or a training.</summary>
public sealed record RequestAdviceRequest(
    string? Topic,
    AdvisoryKind? Kind,
    string? MunicipalityAgs,
    IReadOnlyList<DateOnly>? PreferredDates,
    string? Needs,
    Guid? OrganisationId = null);

public static class RequestAdvice
{
    /// <summary>Topic, kind, municipality, one to ten preferred dates (today or later) and what they need are required.</summary>
    public static AdvisoryRequestReceived Decide(Guid id, RequestAdviceRequest request, Actor by, DateTimeOffset at)
    {
        var validation = new Validation()
            .Required("topic", request.Topic, AdvisoryRules.MaxTopicLength)
            .Defined("kind", request.Kind)
            .Required("needs", request.Needs, AdvisoryRules.MaxTextLength);
        if (!MunicipalityKeys.IsValid(request.MunicipalityAgs))
            validation.Add("municipalityAgs", MunicipalityKeys.Explanation("municipalityAgs"));
        var dates = request.PreferredDates ?? [];
        var today = DateOnly.FromDateTime(at.UtcDateTime);
        if (dates.Count is 0 or > AdvisoryRules.MaxPreferredDates)
            validation.Add("preferredDates", $"'preferredDates' must name between 1 and {AdvisoryRules.MaxPreferredDates} dates.");
        else if (dates.Any(d => d < today))
            validation.Add("preferredDates", "'preferredDates' must lie today or later.");
        else validation.Day("preferredDates", dates.Max()); // none before today, so only the latest can lie past the calendar
        if (request.OrganisationId == Guid.Empty)
            validation.Add("organisationId", "'organisationId' must be an organisation's id (or left out).");
        validation.ThrowIfInvalid();

        return new AdvisoryRequestReceived(
            id, request.Topic!.Trim(), request.Kind!.Value, request.MunicipalityAgs!, request.OrganisationId,
            dates.Distinct().Order().ToList(), request.Needs!.Trim(), by.Id, at);
    }

    /// <summary>POST /advisory-requests: any signed-in person; asking for an organisation needs to act for it (403).</summary>
    public static async Task<Created<AdvisoryRequest>> Handle(
        RequestAdviceRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var received = Decide(id, request, http.User.Actor(), clock.GetUtcNow());
        if (received.OrganisationId is { } organisation && !http.User.MayActFor(organisation))
            throw new Forbidden("Only members of this organisation (or staff) may ask for advice on its behalf.");
        var version = await session.StartAsync<AdvisoryRequest>(id, [received], ct);

        var created = AdvisoryRequest.When(null, received)!;
        created.Version = version;
        http.Response.SetETag(version);
        return TypedResults.Created($"/advisory-requests/{id}", created);
    }
}
