using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Organisations.Viewing;
using Network.Platform.Http;

namespace Network.Directory.Organisations.History;

/// <summary>
/// One change of an organisation: what (a change kind and a readable summary, with the names of the profile fields
/// that changed), who (the actor's pseudonymous subject, never a name or e-mail), when.
/// </summary>
public sealed record OrganisationHistoryEntry(
    long Version, DateTimeOffset At, string By, string Change, string Summary, IReadOnlyList<string> ChangedFields);

public static class GetOrganisationHistory
{
    /// <summary>Reads the stream's events in order, rebuilding the state along the way to tell what each update changed.</summary>
    public static IReadOnlyList<OrganisationHistoryEntry> Describe(IEnumerable<object> events)
    {
        var entries = new List<OrganisationHistoryEntry>();
        Organisation? state = null;
        long version = 0;
        foreach (var e in events)
        {
            version++;
            var before = state;
            state = Organisation.When(state, e);
            if (Entry(version, e, before, state!) is { } entry) entries.Add(entry);
        }
        return entries;
    }

    static OrganisationHistoryEntry? Entry(long version, object e, Organisation? before, Organisation after) => e switch
    {
        OrganisationRegistered r => new(version, r.At, r.By, "Registered",
            $"Registered '{r.Name}' as {r.Kind} in municipality {r.MunicipalityAgs}.", []),
        OutOfSightOrganisationRecorded r => new(version, r.At, r.By, "RecordedOutOfSight",
            $"Recorded '{r.Name}' ({r.Kind}, municipality {r.MunicipalityAgs}) as an out-of-sight actor.", []),
        OrganisationProfileUpdated u => Updated(version, u, ChangedFields(before!, after)),
        OrganisationVerified v => new(version, v.At, v.By, "Verified", "Verified.", []),
        OrganisationRejected r => new(version, r.At, r.By, "Rejected", $"Rejected: {r.Reason}", []),
        OrganisationResubmitted r => new(version, r.At, r.By, "Resubmitted", "Resubmitted for verification.", []),
        OrganisationArchived a => new(version, a.At, a.By, "Archived", "Archived.", []),
        OrganisationInvitationIssued i => new(version, i.At, i.By, "InvitationIssued",
            $"Invitation to claim the profile issued, valid until {i.ExpiresAt:yyyy-MM-dd HH:mm} UTC.", []),
        OrganisationClaimed c => new(version, c.At, c.By, "Claimed", "Claimed by the invited person, who became its owner.", []),
        _ => null,
    };

    static OrganisationHistoryEntry Updated(long version, OrganisationProfileUpdated u, IReadOnlyList<string> fields) =>
        new(version, u.At, u.By, "ProfileUpdated",
            fields.Count == 0 ? "Profile saved without changes." : $"Profile updated: {string.Join(", ", fields)}.", fields);

    /// <summary>Names (as the API spells them) of the fields that differ; values are left out on purpose.</summary>
    public static IReadOnlyList<string> ChangedFields(Organisation before, Organisation after)
    {
        var fields = new List<string>();
        void Check(string name, bool same) { if (!same) fields.Add(name); }
        Check("name", before.Name == after.Name);
        Check("kind", before.Kind == after.Kind);
        Check("shortDescription", before.ShortDescription == after.ShortDescription);
        var (was, now) = (before.Details, after.Details);
        Check("description", was.Description == now.Description);
        Check("address", was.Address == now.Address);
        Check("website", was.Website == now.Website);
        Check("countries", was.Countries.SequenceEqual(now.Countries));
        Check("themes", was.Themes.SequenceEqual(now.Themes));
        Check("languages", was.Languages.SequenceEqual(now.Languages));
        Check("sdgs", was.Sdgs.SequenceEqual(now.Sdgs));
        Check("contactEmail", was.ContactEmail == now.ContactEmail);
        Check("contactVisibility", was.ContactVisibility == now.ContactVisibility);
        Check("visibility", was.Visibility == now.Visibility);
        return fields;
    }

    /// <summary>GET /organisations/{id}/history: staff and the organisation's members (401 anonymous, 403 others).</summary>
    public static async Task<Ok<IReadOnlyList<OrganisationHistoryEntry>>> Handle(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        OrganisationHistoryAccess.Ensure(http.User, id);
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        if (events.Count == 0) throw new ResourceNotFound("Organisation", id);
        return TypedResults.Ok(Describe(events.OrderBy(e => e.Version).Select(e => e.Data)));
    }
}
