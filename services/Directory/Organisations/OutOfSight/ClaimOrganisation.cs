using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Organisations.Viewing;
using Network.Directory.People;
using Network.Directory.People.Joining;
using Network.Directory.People.Recording;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Directory.Organisations.OutOfSight;

public sealed record ClaimOrganisationRequest(string? Token);

public static class ClaimOrganisation
{
    public const int MaxTokenLength = 200;

    /// <summary>An unused, unexpired invitation to a shadow profile makes the claimant's person its owner.</summary>
    public static IReadOnlyList<object> Decide(
        Organisation current, OrganisationInvitation invitation, Guid personId, Actor by, DateTimeOffset at)
    {
        if (invitation.ClaimedAt is not null)
            throw new DomainRuleViolation("This invitation was already used; ask the agency's staff for a new one.", title: "Invitation already used");
        if (at >= invitation.ExpiresAt)
            throw new DomainRuleViolation(
                $"This invitation expired at {invitation.ExpiresAt:u}; ask the agency's staff for a new one.", StatusCodes.Status410Gone, "Invitation expired");
        OrganisationRules.EnsureNotArchived(current);
        if (!current.IsShadow)
            throw new DomainRuleViolation($"Organisation '{current.Id}' was already claimed.", title: "Already claimed");
        return [new OrganisationClaimed(current.Id, invitation.Id, personId, by.Id, at)];
    }

    /// <summary>
    /// POST /organisations/claims {token}: a signed-in person claims the shadow profile the token was issued for and
    /// becomes its owner (a new token from the Gateway then carries the organisation). The organisation's event, the
    /// used invitation, the person (recorded now if the claimant never signed in before) and their membership are
    /// saved in one transaction: a replayed, expired or unknown token, or a lost race, changes nothing.
    /// </summary>
    public static async Task<Ok<OrganisationResponse>> Handle(
        ClaimOrganisationRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        new Validation().Required("token", request.Token, MaxTokenLength).ThrowIfInvalid();
        var at = clock.GetUtcNow();
        var actor = http.User.Actor();
        var hash = SecretTokens.Hash(request.Token!);
        var invitation = await session.Query<OrganisationInvitation>().FirstOrDefaultAsync(i => i.TokenHash == hash, ct)
            ?? throw new DomainRuleViolation("No invitation has this token; check it was copied completely.", StatusCodes.Status404NotFound, "Invitation not found");

        // Checked first, so that a bad token does not even start a person record.
        var organisation = await session.LoadAsync<Organisation>(invitation.OrganisationId, ct)
            ?? throw new ResourceNotFound("Organisation", invitation.OrganisationId);
        Decide(organisation, invitation, Guid.Empty, actor, at);
        var personId = await PersonOfCallerAsync(http, session, actor, at, ct);

        var stream = await session.Events.FetchForWriting<Organisation>(invitation.OrganisationId, ct);
        stream.AppendMany(Decide(stream.Aggregate!, invitation, personId, actor, at));
        invitation.ClaimedAt = at;
        invitation.ClaimedByPerson = personId;
        session.Update(invitation);
        await JoinOrganisation.AddMembershipAsync(session, personId, organisation, MembershipRole.Owner, actor, at, ct);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (IsUniqueViolation(e))
        {
            // The claimant's first sign-in raced another request that recorded them: nothing was saved, retrying works.
            throw new DomainRuleViolation("Your person record was created by another request at the same moment; try again.", title: "Concurrent change");
        }

        return await GetOrganisation.Respond(invitation.OrganisationId, (stream.StartingVersion ?? 0) + 1, http, session, ct);
    }

    /// <summary>
    /// The claimant's person, found by the token's subject or started in this session (saved with the claim, in one
    /// transaction) with the token's display name and nothing else.
    /// </summary>
    static async Task<Guid> PersonOfCallerAsync(HttpContext http, IDocumentSession session, Actor actor, DateTimeOffset at, CancellationToken ct)
    {
        if (await MemberManagement.CallerAsync(http.User, session, ct) is { } existing) return existing.Id;
        var recorded = RecordPerson.Decide(Guid.CreateVersion7(), actor.Id, new RecordPersonRequest(actor.Name, null), actor, at);
        session.Events.StartStream<Person>(recorded.PersonId, recorded);
        return recorded.PersonId;
    }

    static bool IsUniqueViolation(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }) return true;
        return false;
    }
}
