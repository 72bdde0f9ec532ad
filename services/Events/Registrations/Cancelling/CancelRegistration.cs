using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.NetworkEvents;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Events.Registrations.Cancelling;

public static class CancelRegistration
{
    /// <summary>
    /// The person themself or staff; a confirmed seat that frees up goes to the first on the waiting list at once
    /// (<paramref name="waitingHead"/>: the head of the list, in order).
    /// </summary>
    public static IReadOnlyList<object> Decide(NetworkEvent current, Registration? registration, Guid registrationId,
        IReadOnlyList<Registration> waitingHead, Actor by, bool byStaff, DateTimeOffset at)
    {
        if (registration is null) throw new ResourceNotFound("Registration", registrationId);
        if (!byStaff && registration.PersonId != by.Id)
            throw new Forbidden("You may cancel only your own registrations.");
        if (registration.Status == RegistrationStatus.Cancelled)
            throw new DomainRuleViolation($"Registration '{registrationId}' is already cancelled.");
        if (current.Status != EventStatus.Published)
            throw new DomainRuleViolation($"Event '{current.Id}' is {current.Status}; its registrations can no longer be cancelled.");
        var cancelled = new RegistrationCancelled(current.Id, registrationId, registration.PersonId, by.Id, at, registration.Status);
        if (registration.Status != RegistrationStatus.Confirmed) return [cancelled];
        return [cancelled, .. current.PromotionsFor(waitingHead, current.Capacity, current.ConfirmedCount - 1, at)];
    }

    /// <summary>DELETE /events/{id}/registrations/{registrationId}: the registered person or staff (403 for anybody else).</summary>
    public static async Task<NoContent> Handle(
        Guid id, Guid registrationId, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        await session.DecideExclusivelyAsync(id, null, async (e, token) =>
        {
            var registration = await session.OfEventAsync(id, registrationId, token);
            // Only a confirmed seat frees one: only then is the head of the waiting list read.
            var waitingHead = registration?.Status == RegistrationStatus.Confirmed
                ? await session.WaitingHeadAsync(id, e.Capacity - (e.ConfirmedCount - 1), token)
                : [];
            return Decide(e, registration, registrationId, waitingHead, http.User.Actor(), http.User.IsStaff(), clock.GetUtcNow());
        }, ct);
        return TypedResults.NoContent();
    }
}
