using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.People.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.People.Consenting;

public static class WithdrawConsent
{
    public static IReadOnlyList<object> Decide(Person current, string purpose, Actor by, DateTimeOffset at)
    {
        if (!ConsentPurposes.IsKnown(purpose)) new Validation().Add("purpose", ConsentPurposes.Explanation).ThrowIfInvalid();
        if (current.ActiveConsent(purpose) is null)
            throw new DomainRuleViolation($"Person '{current.Id}' has no consent to '{purpose}' to withdraw.", title: "No consent to withdraw");
        return [new ConsentWithdrawn(current.Id, purpose, by.Id, at)];
    }

    /// <summary>POST /people/{id}/consents/{purpose}/withdrawal: the person themself or staff; honours If-Match.</summary>
    public static async Task<Ok<PersonResponse>> Handle(
        Guid id, string purpose, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        await MemberManagement.EnsureMaySeeAsync(http.User, id, session, ct);
        var version = await session.DecideAsync<Person>(
            id, http.Request.ExpectedVersion(), current => Decide(current, purpose, http.User.Actor(), clock.GetUtcNow()), ct);
        return await GetPerson.Respond(id, version, http, session, ct);
    }
}
