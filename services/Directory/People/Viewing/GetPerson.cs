using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.People.Consenting;
using Network.Directory.People.Erasing;
using Network.Directory.People.Joining;
using Network.Platform.Http;

namespace Network.Directory.People.Viewing;

public sealed record PersonResponse(
    Guid Id,
    string DisplayName,
    string? Email,
    bool SignsIn,
    IReadOnlyList<Membership> Memberships,
    IReadOnlyList<Consent> Consents,
    DateTimeOffset RecordedAt,
    DateTimeOffset? ErasedAt,
    long Version,
    ErasureResponse? Erasure = null,
    IReadOnlyList<MembershipInvitation>? Invitations = null)
{
    // The token subject is an internal link, not shown: whether the person signs in is all a reader needs.
    public static PersonResponse From(Person p) => new(
        p.Id, p.DisplayName, p.Email, p.Subject is not null, p.Memberships, p.Consents, p.RecordedAt, p.ErasedAt, p.Version,
        p.ErasedAt is { } erasedAt ? new ErasureResponse(erasedAt, p.ErasureConfirmedBy, ErasureConfirmations.ExpectedFrom) : null,
        p.Invitations);
}

/// <summary>
/// An erasure as staff follow it: when it was requested, which services confirmed that they forgot the person, and
/// which are expected to (complete when every expected service confirmed).
/// </summary>
public sealed record ErasureResponse(DateTimeOffset RequestedAt, IReadOnlyList<string> ConfirmedBy, IReadOnlyList<string> ExpectedFrom)
{
    public bool Complete => ExpectedFrom.All(ConfirmedBy.Contains);
}

/// <summary>
/// A member as staff and their organisation's other members see them: name, role, since when, and the e-mail address
/// only while the member consents to <c>directory-contact</c> (otherwise null); never their consents.
/// </summary>
public sealed record MemberResponse(Guid PersonId, string DisplayName, string? Email, MembershipRole Role, DateTimeOffset Since)
{
    public static MemberResponse Of(Person person, Membership membership) => new(
        person.Id, person.DisplayName,
        person.ActiveConsent(ConsentPurposes.DirectoryContact) is null ? null : person.Email,
        membership.Role, membership.Since);
}

public static class GetPerson
{
    /// <summary>GET /people/{id}: staff, or the person themself.</summary>
    public static async Task<Ok<PersonResponse>> Handle(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var person = await MemberManagement.EnsureMaySeeAsync(http.User, id, session, ct);
        http.Response.SetETag(person.Version);
        return TypedResults.Ok(PersonResponse.From(person));
    }

    /// <summary>GET /people/me: the person the caller's token is linked to (404 until they recorded themselves).</summary>
    public static async Task<Ok<PersonResponse>> Me(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var person = await MemberManagement.CallerAsync(http.User, session, ct)
            ?? throw new DomainRuleViolation(
                "You have not recorded yourself yet: POST /people/me with your display name.",
                StatusCodes.Status404NotFound, "Person not found");
        http.Response.SetETag(person.Version);
        return TypedResults.Ok(PersonResponse.From(person));
    }

    /// <summary>The answer of a command: the person as now stored, with the new ETag.</summary>
    internal static async Task<Ok<PersonResponse>> Respond(Guid id, long version, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var person = await session.LoadAsync<Person>(id, ct) ?? throw new ResourceNotFound("Person", id);
        http.Response.SetETag(version);
        return TypedResults.Ok(PersonResponse.From(person));
    }
}
