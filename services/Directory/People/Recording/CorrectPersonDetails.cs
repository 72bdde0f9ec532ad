using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.People.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.People.Recording;

public static class CorrectPersonDetails
{
    public static IReadOnlyList<object> Decide(Person current, RecordPersonRequest request, Actor by, DateTimeOffset at)
    {
        var (displayName, email) = RecordPerson.ValidDetails(request.DisplayName, request.Email);
        if (current.IsErased)
            throw new DomainRuleViolation($"Person '{current.Id}' was erased; their details cannot be changed.");
        if (displayName == current.DisplayName && email == current.Email) return [];
        return [new PersonDetailsCorrected(current.Id, displayName, email, by.Id, at)];
    }

    /// <summary>PUT /people/{id}: staff or the person themself correct the name or e-mail; honours If-Match.</summary>
    public static async Task<Ok<PersonResponse>> Handle(
        Guid id, RecordPersonRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        await MemberManagement.EnsureMaySeeAsync(http.User, id, session, ct);
        var version = await session.DecideAsync<Person>(
            id, http.Request.ExpectedVersion(), current => Decide(current, request, http.User.Actor(), clock.GetUtcNow()), ct);
        return await GetPerson.Respond(id, version, http, session, ct);
    }
}
