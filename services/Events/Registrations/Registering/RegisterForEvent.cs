using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.NetworkEvents;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Events.Registrations.Registering;

public sealed record RegisterForEventRequest(Guid? OrganisationId = null);

public static class RegisterForEvent
{
    /// <summary>
    /// Only a published event, only inside its registration window, once per person (a cancelled registration does
    /// not count). Confirmed while a seat is free, otherwise the end of the waiting list. The caller's stream lock
    /// makes this decision see every earlier registration, so it never overbooks.
    /// </summary>
    public static IReadOnlyList<object> Decide(NetworkEvent current, Guid registrationId, Actor person, Guid? organisationId, DateTimeOffset at)
    {
        if (current.Status != EventStatus.Published)
            throw new DomainRuleViolation($"Event '{current.Id}' is {current.Status}; registration is only possible for a published event.");
        if (at < current.RegistrationOpens || at > current.RegistrationCloses)
            throw new DomainRuleViolation(
                $"Registration for event '{current.Id}' is open from {current.RegistrationOpens:O} to {current.RegistrationCloses:O}.",
                StatusCodes.Status409Conflict, "Registration window closed");
        if (current.Registrations.FirstOrDefault(r => r.PersonId == person.Id && r.Status != RegistrationStatus.Cancelled) is { } existing)
            throw new DomainRuleViolation($"You are already registered for event '{current.Id}'.", StatusCodes.Status409Conflict,
                "Already registered", new Dictionary<string, object?> { ["registrationId"] = existing.RegistrationId });
        var status = current.FreeSeats > 0 ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;
        return [new PersonRegistered(current.Id, registrationId, person.Id, person.Name, organisationId, status, at)];
    }

    /// <summary>POST /events/{id}/registrations: signed in; acting for an organisation needs membership of it (403).</summary>
    public static async Task<Created<RegistrationResponse>> Handle(
        Guid id, RegisterForEventRequest? request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (request?.OrganisationId is { } organisationId && !http.User.MayActFor(organisationId))
            throw new Forbidden("You may register on behalf of an organisation only if you are one of its members.");
        var registrationId = Guid.CreateVersion7();
        await session.DecideExclusivelyAsync(id, null,
            e => Decide(e, registrationId, http.User.Actor(), request?.OrganisationId, clock.GetUtcNow()), ct);
        var stored = await session.LoadAsync<NetworkEvent>(id, ct) ?? throw new ResourceNotFound("Event", id);
        var registration = stored.Registrations.Single(r => r.RegistrationId == registrationId);
        return TypedResults.Created($"/events/{id}/registrations/{registrationId}", RegistrationResponse.From(stored, registration));
    }
}
