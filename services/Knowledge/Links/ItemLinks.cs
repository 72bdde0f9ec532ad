using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Knowledge.Items;
using Network.Knowledge.Items.Viewing;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Knowledge.Links;

/// <param name="Name">The organisation's name now (after a rename, the new one); null when the caller may not see the organisation or it is not known yet.</param>
/// <param name="Kind">The Directory's organisation kind (the actor kind), e.g. <c>MigrantOrganisation</c>.</param>
public sealed record OrganisationLink(Guid Id, string? Name, string? Kind, string? MunicipalityAgs, bool Known, bool Archived, string Path);

/// <param name="Status">Where the event stands now (null while the Knowledge service has not heard of it).</param>
public sealed record EventLink(Guid Id, string? TitleDe, string? TitleEn, DateTimeOffset? Start, DateTimeOffset? End, LinkedEventStatus? Status,
    bool Known, string Path);

/// <summary>What an item links to, each as it stands now: its organisations, its events and the forum threads it came from.</summary>
public sealed record ItemLinksResponse(Guid ItemId, IReadOnlyList<OrganisationLink> Organisations, IReadOnlyList<EventLink> Events,
    IReadOnlyList<SourceLink> Threads);

/// <summary>
/// Provenance as the other side changes: the item stores only ids (and, for a promoted thread, its title and address when it was
/// promoted); the organisations' names, the events' titles and dates and whether either was archived, cancelled, held or
/// documented come from the service's copies of the Directory's and the Events service's integration events, read when asked.
/// </summary>
public static class ItemLinks
{
    /// <summary>GET /items/{id}/links: whoever may see the item; an organisation the caller may not see is shown by its id only.</summary>
    public static async Task<Ok<ItemLinksResponse>> Handle(Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var item = await ItemResponse.Visible(id, http.User, session, ct);
        var batch = session.CreateBatchQuery();
        var organisations = batch.LoadMany<LinkedOrganisation>().ById(item.Content.Organisations.ToArray());
        var events = batch.LoadMany<LinkedEvent>().ById(item.Content.Events.ToArray());
        await batch.Execute(ct);
        var knownOrganisations = (await organisations).ToDictionary(o => o.Id);
        var knownEvents = (await events).ToDictionary(e => e.Id);
        return TypedResults.Ok(new ItemLinksResponse(item.Id,
            [.. item.Content.Organisations.Select(o => Organisation(o, knownOrganisations.GetValueOrDefault(o), http.User))],
            [.. item.Content.Events.Select(e => Event(e, knownEvents.GetValueOrDefault(e)))],
            item.Sources));
    }

    static OrganisationLink Organisation(Guid id, LinkedOrganisation? o, ClaimsPrincipal user)
    {
        var path = $"/api/directory/organisations/{id}";
        if (o is not { Registered: true }) return new OrganisationLink(id, null, null, null, false, false, path);
        var shown = (o.Visibility ?? "Public") switch
        {
            "Public" => true,
            "Members" => user.IsSignedIn(),
            _ => user.IsStaff() || user.MayActFor(id),
        };
        return shown ? new OrganisationLink(id, o.Name, o.Kind, o.MunicipalityAgs, true, o.Archived, path)
            : new OrganisationLink(id, null, null, null, true, o.Archived, path);
    }

    static EventLink Event(Guid id, LinkedEvent? e) => e is { Published: true }
        ? new EventLink(id, e.TitleDe, e.TitleEn, e.Start, e.End, e.Status, true, $"/api/events/events/{id}")
        : new EventLink(id, null, null, null, null, null, false, $"/api/events/events/{id}");

    /// <summary>
    /// The organisations and events a draft or revision names must be known here: organisations registered in the Directory,
    /// events the Events service held or documented (what an item "came out of"); a 400 naming the unknown ids otherwise.
    /// Checked on the request's ids before the decision, as the copies stand: a just-registered organisation may take a moment.
    /// </summary>
    public static async Task EnsureKnownAsync(IQuerySession session, ItemContentRequest? content, CancellationToken ct) =>
        (await UnknownAsync(session, content, ct)).ThrowIfInvalid();

    /// <summary>
    /// What <see cref="EnsureKnownAsync"/> checks, as field errors to throw later: a revision reads them before it loads the
    /// item and throws them only after the decision found the caller may revise it (a stranger learns nothing from a 400).
    /// </summary>
    public static async Task<Validation> UnknownAsync(IQuerySession session, ItemContentRequest? content, CancellationToken ct)
    {
        var validation = new Validation();
        var organisationIds = (content?.Organisations ?? []).Where(o => o != Guid.Empty).Distinct().Take(ItemContentRules.MaxList + 1).ToArray();
        var eventIds = (content?.Events ?? []).Where(e => e != Guid.Empty).Distinct().Take(ItemContentRules.MaxList + 1).ToArray();
        if (organisationIds.Length == 0 && eventIds.Length == 0) return validation;
        var batch = session.CreateBatchQuery();
        var organisations = batch.LoadMany<LinkedOrganisation>().ById(organisationIds);
        var events = batch.LoadMany<LinkedEvent>().ById(eventIds);
        await batch.Execute(ct);
        var unknownOrganisations = organisationIds.Except((await organisations).Where(o => o.Registered).Select(o => o.Id)).ToList();
        if (unknownOrganisations.Count > 0)
            validation.Add("organisations", $"Not organisations of the Directory (as the Knowledge service knows them): {string.Join(", ", unknownOrganisations)}.");
        var unknownEvents = eventIds.Except((await events)
            .Where(e => e is { Published: true, Status: LinkedEventStatus.Held or LinkedEventStatus.Documented }).Select(e => e.Id)).ToList();
        if (unknownEvents.Count > 0)
            validation.Add("events", $"Not events the Events service held or documented: {string.Join(", ", unknownEvents)}.");
        return validation;
    }
}
