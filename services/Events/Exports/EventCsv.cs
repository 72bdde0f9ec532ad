using System.Globalization;
using System.Text;
using Marten;
using Network.Events.NetworkEvents;
using Network.Events.Registrations;
using Network.Events.Organisations;
using Network.Platform.Http;

namespace Network.Events.Exports;

/// <summary>
/// Registrations and attendance of one event as CSV for staff (RFC 4180: header row, CRLF line ends, fields with a
/// comma, quote or line break in double quotes, quotes doubled). Cells are formula-injection-safe like the Directory's
/// coverage CSV: a text starting with =, +, -, @, tab or CR gets a leading apostrophe (names are typed by people).
/// </summary>
public static class EventCsv
{
    public const string ContentType = "text/csv; charset=utf-8; header=present";

    static readonly string[] RegistrationHeader =
        ["registration_id", "person_id", "person_name", "organisation_id", "organisation", "status", "position_on_waiting_list", "registered_at", "attended"];

    static readonly string[] AttendanceHeader =
        ["registration_id", "person_id", "person_name", "organisation_id", "organisation", "organisation_kind", "federal_state", "attended"];

    /// <summary>Every registration in order of registration (cancelled ones included, with their status).</summary>
    public static string Registrations(IReadOnlyList<Registration> registrations, IReadOnlyDictionary<Guid, KnownOrganisation> organisations)
    {
        var csv = new StringBuilder();
        csv.AppendRow(RegistrationHeader);
        var waiting = registrations.Where(r => r.Status == RegistrationStatus.Waitlisted)
            .Select((r, i) => (r.Id, Position: i + 1)).ToDictionary(x => x.Id, x => x.Position);
        foreach (var r in registrations)
            csv.AppendRow(
            [
                r.Id.ToString(), r.PersonId, r.PersonName, r.OrganisationId?.ToString() ?? "", OrgName(r, organisations),
                r.Status.ToString(), waiting.TryGetValue(r.Id, out var p) ? p.ToString(CultureInfo.InvariantCulture) : "",
                r.RegisteredAt.ToString("O", CultureInfo.InvariantCulture), r.Attended ? "true" : "false",
            ]);
        return csv.ToString();
    }

    /// <summary>The confirmed registrations (who was expected) with whether they came.</summary>
    public static string Attendance(IReadOnlyList<Registration> registrations, IReadOnlyDictionary<Guid, KnownOrganisation> organisations)
    {
        var csv = new StringBuilder();
        csv.AppendRow(AttendanceHeader);
        foreach (var r in registrations.Where(r => r.Status == RegistrationStatus.Confirmed))
        {
            var org = r.OrganisationId is { } id ? organisations.GetValueOrDefault(id) : null;
            csv.AppendRow(
            [
                r.Id.ToString(), r.PersonId, r.PersonName, r.OrganisationId?.ToString() ?? "", org?.Name ?? "",
                org?.Kind ?? "", org?.FederalState ?? "", r.Attended ? "true" : "false",
            ]);
        }
        return csv.ToString();
    }

    static string OrgName(Registration r, IReadOnlyDictionary<Guid, KnownOrganisation> organisations) =>
        r.OrganisationId is { } id ? organisations.GetValueOrDefault(id)?.Name ?? "" : "";



    /// <summary>An export is the whole list by design (a file for a spreadsheet), in order of registration.</summary>
    static async Task<(IReadOnlyList<Registration>, IReadOnlyDictionary<Guid, KnownOrganisation>)> Load(Guid id, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<NetworkEvent>(id, ct) is null) throw new ResourceNotFound("Event", id);
        var registrations = await session.Query<Registration>().Where(r => r.EventId == id).OrderBy(r => r.Ticket).ToListAsync(ct);
        var ids = registrations.Select(r => r.OrganisationId).OfType<Guid>().Distinct().ToArray();
        var organisations = ids.Length == 0 ? [] : (await session.LoadManyAsync<KnownOrganisation>(ct, ids)).ToDictionary(o => o.Id);
        return (registrations, organisations);
    }

    /// <summary>GET /events/{id}/registrations.csv: staff only.</summary>
    public static async Task<IResult> HandleRegistrations(Guid id, IQuerySession session, CancellationToken ct)
    {
        var (registrations, organisations) = await Load(id, session, ct);
        return Results.File(Encoding.UTF8.GetBytes(Registrations(registrations, organisations)), ContentType, $"registrations-{id}.csv");
    }

    /// <summary>GET /events/{id}/attendance.csv: staff only.</summary>
    public static async Task<IResult> HandleAttendance(Guid id, IQuerySession session, CancellationToken ct)
    {
        var (registrations, organisations) = await Load(id, session, ct);
        return Results.File(Encoding.UTF8.GetBytes(Attendance(registrations, organisations)), ContentType, $"attendance-{id}.csv");
    }
}
