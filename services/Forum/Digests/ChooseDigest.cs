using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Network.Forum.Following;
using Network.Platform.Aggregates;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Forum.Digests;

public sealed record ChooseDigestRequest(DigestFrequency? Frequency);

/// <param name="NextDigestAt">When the next digest goes out (it is mailed only when there is something in it); null while off.</param>
public sealed record DigestResponse(DigestFrequency Frequency, DateTimeOffset? NextDigestAt);

/// <summary>A reader's choice of a digest mail: off by default, daily or weekly, changed whenever they like.</summary>
public static class ChooseDigest
{
    /// <summary>
    /// Choosing what one has changes nothing. A first digest starts now (nothing from before the choice is mailed); a change of
    /// frequency keeps where the next digest starts and moves only when it goes out.
    /// </summary>
    public static IReadOnlyList<object> Decide(Reader? current, Guid readerId, string personId, DigestFrequency frequency, DigestSettings settings,
        DateTimeOffset at)
    {
        var before = current?.Digest ?? DigestFrequency.Off;
        if (before == frequency) return [];
        var from = before == DigestFrequency.Off ? at : current!.DigestCoversFrom;
        DateTimeOffset? due = frequency == DigestFrequency.Off ? null : from + settings.PeriodOf(frequency);
        return [new DigestChosen(readerId, personId, frequency, from, due, at)];
    }

    /// <summary>GET /notifications/mine/digest: the caller's choice and when their next digest is due.</summary>
    public static async Task<Ok<DigestResponse>> Get(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var reader = await session.LoadAsync<Reader>(Reader.IdFor(http.User.Actor().Id), ct);
        return TypedResults.Ok(new DigestResponse(reader?.Digest ?? DigestFrequency.Off, reader?.DigestDueAt));
    }

    /// <summary>PUT /notifications/mine/digest: <c>{"frequency": "Daily"}</c> (or <c>Weekly</c>, <c>Off</c>) for the caller.</summary>
    public static async Task<Ok<DigestResponse>> Handle(ChooseDigestRequest request, HttpContext http, IDocumentSession session,
        IOptions<DigestSettings> settings, TimeProvider clock, CancellationToken ct)
    {
        new Validation().Defined("frequency", request.Frequency).ThrowIfInvalid();
        var person = http.User.Actor().Id;
        var id = Reader.IdFor(person);
        var stream = await session.Events.FetchForWriting<Reader>(id, ct);
        var events = Decide(stream.Aggregate, id, person, request.Frequency!.Value, settings.Value, clock.GetUtcNow());
        if (events.Count > 0)
        {
            stream.AppendMany(events);
            await session.SaveChangesAsync(ct);
        }
        var after = Aggregate.Fold(stream.Aggregate, events);
        return TypedResults.Ok(new DigestResponse(after?.Digest ?? DigestFrequency.Off, after?.DigestDueAt));
    }
}
