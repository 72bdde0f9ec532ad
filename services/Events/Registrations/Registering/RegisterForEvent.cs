using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.NetworkEvents;
using Network.Events.People;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Events.Registrations.Registering;

public sealed record RegisterForEventRequest(Guid? OrganisationId = null);

public static class RegisterForEvent
{
    /// <summary>
    /// How often one person may register for one event, cancelled registrations included: registering again after
    /// cancelling is allowed, registering and cancelling without end is not (each round moves the waiting list and tells
    /// people). Five allows for changed plans.
    /// </summary>
    public const int MaxRegistrationsPerPerson = 5;

    /// <summary>
    /// Only a published event, only inside its registration window, once per person at a time (<paramref name="own"/>:
    /// their registrations for it; a cancelled one does not count) and at most <see cref="MaxRegistrationsPerPerson"/>
    /// times in all. Confirmed while a seat is free, otherwise the end of the waiting list. The stream lock makes this
    /// decision see every earlier registration, so it never overbooks.
    /// </summary>
    /// <param name="personErased">the Directory erased the person (their token may still be valid for a moment).</param>
    public static IReadOnlyList<object> Decide(NetworkEvent current, IReadOnlyList<Registration> own, Guid registrationId, Actor person,
        Guid? organisationId, DateTimeOffset at, bool personErased = false)
    {
        if (personErased)
            throw new DomainRuleViolation("Your personal data was erased; you can no longer register.", StatusCodes.Status409Conflict, "Person erased");
        var existing = own.FirstOrDefault(r => r.IsActive);
        if (current.Status != EventStatus.Published)
            throw new DomainRuleViolation($"Event '{current.Id}' is {current.Status}; registration is only possible for a published event.");
        if (at < current.RegistrationOpens || at > current.RegistrationCloses)
            throw new DomainRuleViolation(
                $"Registration for event '{current.Id}' is open from {current.RegistrationOpens:O} to {current.RegistrationCloses:O}.",
                StatusCodes.Status409Conflict, "Registration window closed");
        if (existing is { IsActive: true })
            throw new DomainRuleViolation($"You are already registered for event '{current.Id}'.", StatusCodes.Status409Conflict,
                "Already registered", new Dictionary<string, object?> { ["registrationId"] = existing.Id });
        if (own.Count >= MaxRegistrationsPerPerson)
            throw new DomainRuleViolation(
                $"You have registered for event '{current.Id}' {own.Count} times already, the most one person may; ask the organisers.",
                StatusCodes.Status409Conflict, "Registration limit reached");
        var status = current.FreeSeats > 0 ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;
        return [new PersonRegistered(current.Id, registrationId, person.Id, person.Name, organisationId, status, at)];
    }

    /// <summary>
    /// POST /events/{id}/registrations: signed in; acting for an organisation needs membership of it (403). The answer is
    /// built from the decision (the waiting position is the end of the list it joined), not by reading the event again.
    /// The caller's registrations for the event are read by index in the round trip that takes the event's lock (three round trips
    /// in all: lock and read, append, commit); the unique index on active registrations guards the same rule in the database.
    /// </summary>
    public static async Task<Created<RegistrationResponse>> Handle(
        Guid id, RegisterForEventRequest? request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (request?.OrganisationId is { } organisationId && !http.User.MayActFor(organisationId))
            throw new Forbidden("You may register on behalf of an organisation only if you are one of its members.");
        var person = http.User.Actor();
        var decision = await session.DecideExclusivelyAsync<NetworkEvent, (IReadOnlyList<Registration> Own, bool Erased)>(id, null,
            batch => OwnAndErased(batch.OwnFor(id, person.Id), batch.Load<ErasedPerson>(person.Id)),
            (e, read) => Decide(e, read.Own, Guid.CreateVersion7(), person, request?.OrganisationId, clock.GetUtcNow(), read.Erased), ct, "Event");
        var registered = (PersonRegistered)decision.Events[0];
        var position = registered.Status == RegistrationStatus.Waitlisted ? decision.Before.WaitingCount + 1 : (int?)null;
        return TypedResults.Created($"/events/{id}/registrations/{registered.RegistrationId}",
            RegistrationResponse.From(decision.Before, registered.RegistrationId, registered.Status, registered.OrganisationId, registered.At, position));
    }

    /// <summary>Both reads of the batch (awaited only once it ran): the person's registrations and their erasure tombstone.</summary>
    static async Task<(IReadOnlyList<Registration>, bool)> OwnAndErased(Task<IReadOnlyList<Registration>> own, Task<ErasedPerson?> erased) =>
        (await own, await erased is not null);
}
