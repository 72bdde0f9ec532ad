using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.NetworkEvents;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Events.Registrations.Cancelling;

public static class CancelRegistration
{
    /// <summary>The person themself or staff; a confirmed seat that frees up goes to the first on the waiting list at once.</summary>
    public static IReadOnlyList<object> Decide(NetworkEvent current, Guid registrationId, Actor by, bool byStaff, DateTimeOffset at)
    {
        var registration = current.Registrations.FirstOrDefault(r => r.RegistrationId == registrationId)
            ?? throw new ResourceNotFound("Registration", registrationId);
        if (!byStaff && registration.PersonId != by.Id)
            throw new Forbidden("You may cancel only your own registrations.");
        if (registration.Status == RegistrationStatus.Cancelled)
            throw new DomainRuleViolation($"Registration '{registrationId}' is already cancelled.");
        if (current.Status != EventStatus.Published)
            throw new DomainRuleViolation($"Event '{current.Id}' is {current.Status}; its registrations can no longer be cancelled.");
        var cancelled = new RegistrationCancelled(current.Id, registrationId, registration.PersonId, by.Id, at);
        if (registration.Status != RegistrationStatus.Confirmed) return [cancelled];
        return [cancelled, .. current.PromotionsFor(current.Capacity, current.Confirmed.Count() - 1, at)];
    }

    /// <summary>DELETE /events/{id}/registrations/{registrationId}: the registered person or staff (403 for anybody else).</summary>
    public static async Task<NoContent> Handle(
        Guid id, Guid registrationId, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        await session.DecideExclusivelyAsync(id, null,
            e => Decide(e, registrationId, http.User.Actor(), http.User.IsStaff(), clock.GetUtcNow()), ct);
        return TypedResults.NoContent();
    }
}
