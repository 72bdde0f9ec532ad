using Network.Platform.Time;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Municipalities.Partnerships.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.Municipalities.Partnerships.Ending;

public sealed record EndPartnershipRequest(DateOnly? EndedOn, string? Note);

public static class EndPartnership
{
    public const int MaxNoteLength = 2000;

    public static IReadOnlyList<object> Decide(Partnership current, EndPartnershipRequest request, Actor by, DateTimeOffset at)
    {
        var validation = new Validation().MaxLength("note", request.Note, MaxNoteLength);
        if (request.EndedOn is null) validation.Add("endedOn", "'endedOn' is required: the date the partnership ended.");
        else if (request.EndedOn > BerlinTime.Today(at)) validation.Add("endedOn", "'endedOn' cannot lie in the future.");
        else if (request.EndedOn < current.Since) validation.Add("endedOn", $"'endedOn' cannot lie before the partnership began ({current.Since:yyyy-MM-dd}).");
        validation.ThrowIfInvalid();

        if (!current.IsActive)
            throw new DomainRuleViolation($"The partnership with {current.PartnerName} ended on {current.EndedOn:yyyy-MM-dd} already.");
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        return [new PartnershipEnded(current.Id, request.EndedOn!.Value, note, by.Id, at)];
    }

    /// <summary>POST /municipalities/{ags}/partnerships/{id}/end {endedOn, note}: staff only; honours If-Match.</summary>
    public static async Task<Ok<PartnershipResponse>> Handle(
        string ags, Guid id, EndPartnershipRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        await GetPartnership.LoadAsync(session, ags, id, ct);
        var version = await session.DecideAsync<Partnership>(
            id, http.Request.ExpectedVersion(), current => Decide(current, request, http.User.Actor(), clock.GetUtcNow()), ct);
        var partnership = await session.LoadAsync<Partnership>(id, ct) ?? throw new ResourceNotFound("Partnership", id);
        http.Response.SetETag(version);
        return TypedResults.Ok(PartnershipResponse.From(partnership));
    }
}
