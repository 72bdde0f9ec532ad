using System.Runtime.CompilerServices;
using Marten;
using Network.Events.Calendars;
using Network.Events.NetworkEvents;
using Network.Events.Organisations;
using Network.Events.Registrations;
using Network.Platform.Exports;
using Network.Platform.Http;

namespace Network.Events.Exports;

/// <summary>One line of an event's export: a registration with its organisation (if it registered for one).</summary>
public sealed record RegistrationLine(Registration Registration, KnownOrganisation? Organisation, int? WaitingPosition);

/// <summary>
/// An event's registrations and its attendance as CSV, xlsx or JSON for staff (<see cref="Export"/>): read from the
/// registrations' documents in order of registration and written as they are read, so 10,000 registrations need no
/// more memory than 100.
/// </summary>
public static class RegistrationExports
{
    static readonly ExportColumn<RegistrationLine> RegistrationId = new("registrationId", "Anmeldung (ID)", "Registration (ID)", l => l.Registration.Id.ToString());
    static readonly ExportColumn<RegistrationLine> PersonId = new("personId", "Person (ID)", "Person (ID)", l => l.Registration.PersonId);
    static readonly ExportColumn<RegistrationLine> PersonName = new("personName", "Name", "Name", l => l.Registration.PersonName);
    static readonly ExportColumn<RegistrationLine> OrganisationId = new("organisationId", "Organisation (ID)", "Organisation (ID)", l => l.Registration.OrganisationId?.ToString());
    static readonly ExportColumn<RegistrationLine> Organisation = new("organisation", "Organisation", "Organisation", l => l.Organisation?.Name);
    static readonly ExportColumn<RegistrationLine> Attended = new("attended", "Teilgenommen", "Attended", l => l.Registration.Attended);

    /// <summary>Every registration in order of registration, cancelled ones included with their status.</summary>
    public static readonly ExportTable<RegistrationLine> Registrations = new("Anmeldungen", "Registrations",
    [
        RegistrationId, PersonId, PersonName, OrganisationId, Organisation,
        new("status", "Status", "Status", l => l.Registration.Status.ToString()),
        new("positionOnWaitingList", "Platz auf der Warteliste", "Position on waiting list", l => l.WaitingPosition),
        new("registeredAt", "Angemeldet am (Ortszeit Berlin)", "Registered at (Berlin time)", l => l.Registration.RegisteredAt),
        Attended,
    ]);

    /// <summary>The confirmed registrations (who was expected) with whether they came, by kind and federal state.</summary>
    public static readonly ExportTable<RegistrationLine> Attendance = new("Teilnahme", "Attendance",
    [
        RegistrationId, PersonId, PersonName, OrganisationId, Organisation,
        new("organisationKind", "Art der Organisation", "Kind of organisation", l => l.Organisation?.Kind),
        new("federalState", "Bundesland", "Federal state", l => l.Organisation?.FederalState),
        Attended,
    ]);

    /// <summary>GET /events/{id}/registrations.{csv|xlsx|json}: staff only.</summary>
    public static async Task<IResult> HandleRegistrations(Guid id, string format, HttpContext http, IDocumentStore store, IQuerySession session, CancellationToken ct)
    {
        var e = await Event(id, session, ct);
        return Export.File(Registrations, ExportFormats.Parse(format), Lines(id, store, confirmedOnly: false),
            $"registrations-{EventIcs.FileStem(e)}", http);
    }

    /// <summary>GET /events/{id}/attendance.{csv|xlsx|json}: staff only.</summary>
    public static async Task<IResult> HandleAttendance(Guid id, string format, HttpContext http, IDocumentStore store, IQuerySession session, CancellationToken ct)
    {
        var e = await Event(id, session, ct);
        return Export.File(Attendance, ExportFormats.Parse(format), Lines(id, store, confirmedOnly: true),
            $"attendance-{EventIcs.FileStem(e)}", http);
    }

    static async Task<NetworkEvent> Event(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<NetworkEvent>(id, ct) is { } e ? e : throw new ResourceNotFound("Event", id);

    /// <summary>Organisations are looked up for this many registrations at a time.</summary>
    const int Chunk = 500;

    /// <summary>
    /// The event's registrations in order of registration, streamed from one session (one open reader), their
    /// organisations loaded per chunk through a second one (a connection runs one command at a time). The waiting
    /// list's positions are counted on the way: the order of registration is the order of the list.
    /// </summary>
    static async IAsyncEnumerable<RegistrationLine> Lines(Guid eventId, IDocumentStore store, bool confirmedOnly, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var reading = store.QuerySession();
        await using var lookups = store.QuerySession();
        var query = reading.Query<Registration>().Where(r => r.EventId == eventId);
        if (confirmedOnly) query = query.Where(r => r.Status == RegistrationStatus.Confirmed);
        var waiting = 0;
        var chunk = new List<(Registration Registration, int? Position)>(Chunk);
        await foreach (var registration in Marten.QueryableExtensions.ToAsyncEnumerable(query.OrderBy(r => r.Ticket), ct))
        {
            chunk.Add((registration, registration.Status == RegistrationStatus.Waitlisted ? ++waiting : null));
            if (chunk.Count < Chunk) continue;
            foreach (var line in await WithOrganisations(chunk, lookups, ct)) yield return line;
            chunk.Clear();
        }
        foreach (var line in await WithOrganisations(chunk, lookups, ct)) yield return line;
    }

    static async Task<IEnumerable<RegistrationLine>> WithOrganisations(List<(Registration Registration, int? Position)> chunk, IQuerySession lookups, CancellationToken ct)
    {
        var ids = chunk.Select(c => c.Registration.OrganisationId).OfType<Guid>().Distinct().ToArray();
        var organisations = ids.Length == 0 ? [] : (await lookups.LoadManyAsync<KnownOrganisation>(ct, ids)).ToDictionary(o => o.Id);
        return chunk.Select(c => new RegistrationLine(c.Registration,
            c.Registration.OrganisationId is { } id ? organisations.GetValueOrDefault(id) : null, c.Position)).ToList();
    }
}
