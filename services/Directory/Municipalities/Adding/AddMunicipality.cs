using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Municipalities.Viewing;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Directory.Municipalities.Adding;

public sealed record AddMunicipalityRequest(string? Ags, string? Name);

public static class AddMunicipality
{
    public const int MaxNameLength = 200;

    /// <param name="existing">the municipality already stored under the requested AGS, if any.</param>
    public static MunicipalityAdded Decide(Municipality? existing, AddMunicipalityRequest request, bool isPilot, Actor by, DateTimeOffset at)
    {
        Validate(request);
        if (existing is not null)
            throw new DomainRuleViolation($"Municipality {existing.Id} exists already as '{existing.Name}'.", title: "Municipality exists already");
        return new MunicipalityAdded(request.Ags!, request.Name!.Trim(), Ags.FederalState(request.Ags!), isPilot, by.Id, at);
    }

    public static void Validate(AddMunicipalityRequest request) =>
        new Validation().RequiredMunicipalityKey("ags", request.Ags)
            .Required("name", request.Name, MaxNameLength)
            .ThrowIfInvalid();

    /// <summary>Starts the municipality's stream; a second start of the same AGS (a race) fails on the stream id (409).</summary>
    public static void Append(IDocumentSession session, MunicipalityAdded added) =>
        session.Events.StartStream<Municipality>(MunicipalityStreams.StreamId(added.Ags), added);

    /// <summary>POST /municipalities {ags, name}: staff add a municipality by its AGS (400 malformed, 409 exists).</summary>
    public static async Task<Created<MunicipalityResponse>> Handle(
        AddMunicipalityRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        Validate(request);
        var existing = await session.LoadAsync<Municipality>(request.Ags!, ct);
        var added = Decide(existing, request, isPilot: false, http.User.Actor(), clock.GetUtcNow());
        Append(session, added);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/municipalities/{added.Ags}", MunicipalityResponse.From(Municipality.Create(added)));
    }
}
