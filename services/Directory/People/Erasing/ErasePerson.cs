using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.People.Viewing;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Directory.People.Erasing;

public static class ErasePerson
{
    /// <summary>
    /// The person stops acting for every organisation (the last-owner rule gives way to an erasure), their active
    /// consents end, and their personal data is erased. A person already erased gets no new events: the request
    /// only masks their events again (a repeat after a failed masking run).
    /// </summary>
    public static IReadOnlyList<object> Decide(Person current, Actor by, DateTimeOffset at)
    {
        if (current.IsErased) return [];
        var events = new List<object>();
        events.AddRange(current.Memberships.Select(m => new PersonLeftOrganisation(current.Id, m.OrganisationId, by.Id, at)));
        events.AddRange(current.Consents.Where(c => c.IsActive).Select(c => new ConsentWithdrawn(current.Id, c.Purpose, by.Id, at)));
        events.Add(new PersonalDataErased(current.Id, by.Id, at));
        return events;
    }

    /// <summary>
    /// POST /people/{id}/erasure: staff only; honours If-Match. Appends the erasure (with the organisations' rosters
    /// in the same transaction), then masks the person's name, e-mail and subject in every event of their stream.
    /// </summary>
    public static async Task<Ok<PersonResponse>> Handle(
        Guid id, HttpContext http, IDocumentSession session, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var expected = http.Request.ExpectedVersion();
        if (await session.LoadAsync<Person>(id, ct) is null) throw new ResourceNotFound("Person", id);
        var stream = expected is { } version
            ? await session.Events.FetchForWriting<Person>(id, version, ct)
            : await session.Events.FetchForWriting<Person>(id, ct);
        if (stream.Aggregate is null) throw new ResourceNotFound("Person", id);

        var events = Decide(stream.Aggregate, http.User.Actor(), clock.GetUtcNow());
        if (events.Count > 0)
        {
            stream.AppendMany(events);
            foreach (var left in events.OfType<PersonLeftOrganisation>())
                await MembershipRoster.ChangeAsync(session, left.OrganisationId, roster => roster.Remove(id), ct);
            await session.SaveChangesAsync(ct);
        }

        await store.Advanced.ApplyEventDataMasking(masking => masking.IncludeStream(id), ct);
        return await GetPerson.Respond(id, (stream.StartingVersion ?? 0) + events.Count, http, session, ct);
    }
}
