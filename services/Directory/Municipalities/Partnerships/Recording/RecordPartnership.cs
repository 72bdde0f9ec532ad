using Network.Platform.Time;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Municipalities.Partnerships.Viewing;
using Network.Directory.Municipalities.Viewing;
using Network.Directory.Vocabularies;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.Municipalities.Partnerships.Recording;

/// <param name="PartnerName">the municipality abroad, e.g. "Cape Coast".</param>
/// <param name="PartnerCountry">its ISO 3166-1 alpha-2 code, e.g. GH (any case; stored upper case).</param>
/// <param name="Topics">free keywords of the cooperation (e.g. "water", "school partnerships").</param>
public sealed record RecordPartnershipRequest(
    string? PartnerName, string? PartnerCountry, DateOnly? Since, IReadOnlyList<string>? Topics, string? Notes);

public static class RecordPartnership
{
    public const int MaxPartnerNameLength = 200;
    public const int MaxTopics = 20;
    public const int MaxTopicLength = 100;
    public const int MaxNotesLength = 4000;

    /// <summary>Town twinning began after the Second World War; a year before 1900 is a typing error (issue 9).</summary>
    public static readonly DateOnly EarliestSince = new(1900, 1, 1);

    /// <param name="active">the municipality's partnerships that have not ended (a second active one with the same partner is a 409).</param>
    public static PartnershipRecorded Decide(
        Guid id, Municipality municipality, IReadOnlyList<Partnership> active, RecordPartnershipRequest request, Actor by, DateTimeOffset at)
    {
        var country = request.PartnerCountry is null ? null : Countries.Normalise(request.PartnerCountry);
        var topics = (request.Topics ?? []).Select(t => t?.Trim() ?? "").ToList();
        var validation = new Validation()
            .Required("partnerName", request.PartnerName, MaxPartnerNameLength)
            .Required("partnerCountry", country, 2)
            .MaxLength("notes", request.Notes, MaxNotesLength);
        if (!string.IsNullOrEmpty(country) && !Countries.IsValid(country))
            validation.Add("partnerCountry", "'partnerCountry' must be an ISO 3166-1 alpha-2 country code, e.g. GH for Ghana.");
        else if (country == "DE")
            validation.Add("partnerCountry", "A North-South partnership links a German municipality with one abroad; 'partnerCountry' cannot be DE.");
        if (request.Since is null) validation.Add("since", "'since' is required: the date the partnership began, e.g. 2012-05-01.");
        else if (request.Since > BerlinTime.Today(at)) validation.Add("since", "'since' cannot lie in the future.");
        else validation.DayBetween("since", request.Since, EarliestSince, Validation.LatestDay);
        if (topics.Count > MaxTopics) validation.Add("topics", $"At most {MaxTopics} topics.");
        if (topics.Any(t => t.Length == 0)) validation.Add("topics", "Topics cannot be empty.");
        if (topics.Any(t => t.Length > MaxTopicLength)) validation.Add("topics", $"Each topic has at most {MaxTopicLength} characters.");
        validation.ThrowIfInvalid();

        var partnerName = request.PartnerName!.Trim();
        var duplicate = active.FirstOrDefault(p =>
            p.PartnerCountry == country && string.Equals(p.PartnerName, partnerName, StringComparison.OrdinalIgnoreCase));
        if (duplicate is not null)
            throw new DomainRuleViolation(
                $"{municipality.Name} already has an active partnership with {duplicate.PartnerName} ({duplicate.PartnerCountry}): {duplicate.Id}.",
                title: "Partnership exists already");

        var notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim();
        return new PartnershipRecorded(
            id, municipality.Id, partnerName, country!, request.Since!.Value, topics.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), notes, by.Id, at);
    }

    /// <summary>POST /municipalities/{ags}/partnerships: staff record a partnership of an existing municipality.</summary>
    public static async Task<Created<PartnershipResponse>> Handle(
        string ags, RecordPartnershipRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var municipality = await GetMunicipality.LoadAsync(session, ags, "ags", ct);
        var active = await session.Query<Partnership>().Where(p => p.MunicipalityAgs == ags && p.EndedOn == null).ToListAsync(ct);
        var recorded = Decide(Guid.CreateVersion7(), municipality, active, request, http.User.Actor(), clock.GetUtcNow());
        var version = await session.StartAsync<Partnership>(recorded.PartnershipId, [recorded], ct);

        var partnership = Partnership.When(null, recorded)!;
        partnership.Version = version;
        http.Response.SetETag(version);
        return TypedResults.Created($"/municipalities/{ags}/partnerships/{recorded.PartnershipId}", PartnershipResponse.From(partnership));
    }
}
