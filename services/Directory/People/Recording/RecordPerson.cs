using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.People.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Directory.People.Recording;

/// <summary>
/// Only what the platform needs: a display name (how others see the person; a pseudonym is fine) and, optionally,
/// an e-mail address staff may use to reach them. Nothing else (no birth date, phone, address, origin).
/// </summary>
public sealed record RecordPersonRequest(string? DisplayName, string? Email);

public static class RecordPerson
{
    public const int MaxDisplayNameLength = 100;

    /// <summary>Validates and normalises a name and an optional e-mail (trimmed; empty e-mail means none).</summary>
    public static (string DisplayName, string? Email) ValidDetails(string? displayName, string? email)
    {
        var trimmedEmail = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        new Validation()
            .Required("displayName", displayName, MaxDisplayNameLength)
            .Email("email", trimmedEmail)
            .ThrowIfInvalid();
        return (displayName!.Trim(), trimmedEmail);
    }

    /// <param name="subject">the token subject of a person recording themselves; null when staff record someone.</param>
    public static PersonRecorded Decide(Guid id, string? subject, RecordPersonRequest request, Actor by, DateTimeOffset at)
    {
        var (displayName, email) = ValidDetails(request.DisplayName, request.Email);
        return new PersonRecorded(id, subject, displayName, email, by.Id, at);
    }

    /// <summary>POST /people/me: a signed-in user records themselves once; their token's subject links them.</summary>
    public static async Task<Created<PersonResponse>> HandleMe(
        RecordPersonRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var actor = http.User.Actor();
        var recorded = Decide(Guid.CreateVersion7(), actor.Id, request, actor, clock.GetUtcNow());
        if (await MemberManagement.CallerAsync(http.User, session, ct) is { } existing)
            throw AlreadyRecorded(existing.Id);
        return await Start(recorded, http, session, ct);
    }

    /// <summary>POST /people: staff record someone who does not sign in (yet), e.g. a contact of an out-of-sight actor.</summary>
    public static async Task<Created<PersonResponse>> HandleForSomeone(
        RecordPersonRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var recorded = Decide(Guid.CreateVersion7(), null, request, http.User.Actor(), clock.GetUtcNow());
        return await Start(recorded, http, session, ct);
    }

    static async Task<Created<PersonResponse>> Start(PersonRecorded recorded, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        long version;
        try
        {
            version = await session.StartAsync<Person>(recorded.PersonId, [recorded], ct);
        }
        catch (MartenCommandException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            // Two first sign-ins of one user raced each other; the unique subject index let one through.
            throw AlreadyRecorded(null);
        }
        var person = Person.When(null, recorded)!;
        person.Version = version;
        http.Response.SetETag(version);
        return TypedResults.Created($"/people/{recorded.PersonId}", PersonResponse.From(person));
    }

    static DomainRuleViolation AlreadyRecorded(Guid? id) => new(
        id is null
            ? "You have already recorded yourself; GET /people/me."
            : $"You have already recorded yourself as person '{id}'; GET /people/me.",
        title: "Already recorded");
}
