using System.Globalization;
using System.Text;
using Marten;
using Network.Events.NetworkEvents;
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
    public static string Registrations(NetworkEvent e, IReadOnlyDictionary<Guid, KnownOrganisation> organisations)
    {
        var csv = new StringBuilder();
        csv.AppendRow(RegistrationHeader);
        var waiting = e.WaitingList.Select((r, i) => (r.RegistrationId, Position: i + 1)).ToDictionary(x => x.RegistrationId, x => x.Position);
        foreach (var r in e.Registrations)
            csv.AppendRow(
            [
                r.RegistrationId.ToString(), r.PersonId, r.PersonName, r.OrganisationId?.ToString() ?? "", OrgName(r, organisations),
                r.Status.ToString(), waiting.TryGetValue(r.RegistrationId, out var p) ? p.ToString(CultureInfo.InvariantCulture) : "",
                r.RegisteredAt.ToString("O", CultureInfo.InvariantCulture), r.Attended ? "true" : "false",
            ]);
        return csv.ToString();
    }

    /// <summary>The confirmed registrations (who was expected) with whether they came.</summary>
    public static string Attendance(NetworkEvent e, IReadOnlyDictionary<Guid, KnownOrganisation> organisations)
    {
        var csv = new StringBuilder();
        csv.AppendRow(AttendanceHeader);
        foreach (var r in e.Confirmed)
        {
            var org = r.OrganisationId is { } id ? organisations.GetValueOrDefault(id) : null;
            csv.AppendRow(
            [
                r.RegistrationId.ToString(), r.PersonId, r.PersonName, r.OrganisationId?.ToString() ?? "", org?.Name ?? "",
                org?.Kind ?? "", org?.FederalState ?? "", r.Attended ? "true" : "false",
            ]);
        }
        return csv.ToString();
    }

    static string OrgName(Registration r, IReadOnlyDictionary<Guid, KnownOrganisation> organisations) =>
        r.OrganisationId is { } id ? organisations.GetValueOrDefault(id)?.Name ?? "" : "";



    static async Task<(NetworkEvent, IReadOnlyDictionary<Guid, KnownOrganisation>)> Load(Guid id, IQuerySession session, CancellationToken ct)
    {
        var e = await session.LoadAsync<NetworkEvent>(id, ct) ?? throw new ResourceNotFound("Event", id);
        var ids = e.Registrations.Select(r => r.OrganisationId).OfType<Guid>().Distinct().ToArray();
        var organisations = ids.Length == 0 ? [] : (await session.LoadManyAsync<KnownOrganisation>(ct, ids)).ToDictionary(o => o.Id);
        return (e, organisations);
    }

    /// <summary>GET /events/{id}/registrations.csv: staff only.</summary>
    public static async Task<IResult> HandleRegistrations(Guid id, IQuerySession session, CancellationToken ct)
    {
        var (e, organisations) = await Load(id, session, ct);
        return Results.File(Encoding.UTF8.GetBytes(Registrations(e, organisations)), ContentType, $"registrations-{id}.csv");
    }

    /// <summary>GET /events/{id}/attendance.csv: staff only.</summary>
    public static async Task<IResult> HandleAttendance(Guid id, IQuerySession session, CancellationToken ct)
    {
        var (e, organisations) = await Load(id, session, ct);
        return Results.File(Encoding.UTF8.GetBytes(Attendance(e, organisations)), ContentType, $"attendance-{id}.csv");
    }
}
