using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.NetworkEvents;
using Network.Platform.Http;

namespace Network.Events.Registrations.Viewing;

/// <summary>A registration as staff see it.</summary>
public sealed record RegistrationView(Guid RegistrationId, string PersonId, string PersonName, Guid? OrganisationId,
    RegistrationStatus Status, DateTimeOffset RegisteredAt, bool Attended);

public static class ListRegistrations
{
    /// <summary>GET /events/{id}/registrations?status=: staff only; in order of registration (so the waiting ones in the order of the list), paged.</summary>
    public static async Task<Ok<Page<RegistrationView>>> Handle(Guid id, RegistrationStatus? status, int? page, int? pageSize,
        IQuerySession session, CancellationToken ct)
    {
        var validation = new Validation();
        if (status is { } s && !Enum.IsDefined(s)) validation.Defined("status", status);
        var (pageNumber, size) = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();
        if (await session.LoadAsync<NetworkEvent>(id, ct) is null) throw new ResourceNotFound("Event", id);

        var query = session.Query<Registration>().Where(r => r.EventId == id);
        if (status is { } wanted) query = query.Where(r => r.Status == wanted);
        var registrations = await query.OrderBy(r => r.Ticket).ThenBy(r => r.Id).ToPageAsync((pageNumber, size), ct);
        return TypedResults.Ok(registrations.Map(r => new RegistrationView(r.Id, r.PersonId, r.PersonName, r.OrganisationId, r.Status, r.RegisteredAt, r.Attended)));
    }
}
