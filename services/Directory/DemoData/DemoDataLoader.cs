using Network.Platform.Text;
using Marten;
using Marten.Schema;
using Network.Directory.LocalNetworks;
using Network.Directory.LocalNetworks.ChangingStage;
using Network.Directory.LocalNetworks.Creating;
using Network.Directory.LocalNetworks.Joining;
using Network.Directory.Municipalities;
using Network.Directory.Organisations;
using Network.Directory.Organisations.OutOfSight;
using Network.Directory.Organisations.Registering;
using Network.Directory.Organisations.Verifying;
using Network.Directory.People;
using Network.Directory.People.Consenting;
using Network.Directory.People.Joining;
using Network.Directory.People.Recording;
using Network.Platform.Aggregates;
using Network.Platform.Auth;
using Network.Platform.DemoData;

namespace Network.Directory.DemoData;

/// <summary>What one load created (zero everywhere when the demo data was there already).</summary>
public sealed record DemoDataLoaded(int Organisations, int People, int Memberships, int LocalNetworks);

/// <summary>
/// Loads <see cref="DemoDataSet"/> at start-up when <c>Directory:LoadDemoData</c> is true (the AppHost passes it), after
/// the pilot municipalities. Everything goes through the use cases' own decisions and is appended as their events, so
/// the outbox publishes it like real data and the Forum's read model fills too. Idempotent and safe for replicas
/// starting together: every demo item has a fixed id derived from its key, and what exists is left alone.
/// </summary>
public sealed class DemoDataLoader(TimeProvider clock, ILogger<DemoDataLoader> logger) : IInitialData
{
    public const string ConfigurationKey = "Directory:LoadDemoData";

    public static readonly Actor Loader = new("demo-data", "Demo data");

    public async Task Populate(IDocumentStore store, CancellationToken cancellation)
    {
        var loaded = await LoadAsync(store, clock.GetUtcNow(), cancellation);
        logger.LogInformation(
            "Demo data: created {Organisations} organisations, {People} people, {Memberships} memberships, {Networks} local networks (the rest was there already).",
            loaded.Organisations, loaded.People, loaded.Memberships, loaded.LocalNetworks);
    }

    /// <summary>The fixed id of a demo item (<see cref="DemoIds"/>, shared with the other services' demo data).</summary>
    public static Guid IdOf(string kind, string key) => DemoIds.Of(kind, key);

    public static Guid OrganisationId(string key) => DemoIds.Organisation(key);

    public async Task<DemoDataLoaded> LoadAsync(IDocumentStore store, DateTimeOffset at, CancellationToken ct)
    {
        var organisations = 0;
        foreach (var demo in DemoDataSet.Organisations)
            if (await AddOrganisationAsync(store, demo, at, ct)) organisations++;

        var (people, memberships) = (0, 0);
        foreach (var demo in DemoDataSet.People)
        {
            var (personAdded, membershipsAdded) = await AddPersonAsync(store, demo, at, ct);
            if (personAdded) people++;
            memberships += membershipsAdded;
        }

        var networks = 0;
        foreach (var demo in DemoDataSet.Networks)
            if (await AddNetworkAsync(store, demo, at, ct)) networks++;
        return new DemoDataLoaded(organisations, people, memberships, networks);
    }

    async Task<bool> AddOrganisationAsync(IDocumentStore store, DemoOrganisation demo, DateTimeOffset at, CancellationToken ct)
    {
        var id = OrganisationId(demo.Key);
        await using var session = store.LightweightSession();
        if (await session.Events.FetchStreamStateAsync(id, ct) is not null) return false;
        if (await DuplicateNames.FindAsync(session, demo.Name, demo.Ags, id, ct) is { } taken)
        {
            logger.LogWarning("Demo organisation '{Name}' skipped: organisation {Id} has that name in {Ags}.", demo.Name, taken.Id, demo.Ags);
            return false;
        }

        var request = new RegisterOrganisationRequest(
            demo.Name, demo.Kind, demo.Ags, demo.TeaserDe, new LocalizedText(demo.DescriptionDe, demo.DescriptionEn),
            Website: $"https://example.org/demo/{demo.Key}", Countries: demo.Countries, Themes: demo.Themes,
            Languages: demo.Languages, Sdgs: demo.Sdgs, ContactEmail: $"{demo.Key}@example.org", Visibility: demo.Visibility);

        List<object> events;
        Organisation state;
        if (demo.Status == DemoStatus.Shadow)
        {
            var recorded = RecordOutOfSightOrganisation.Decide(id, request, Loader, at);
            (events, state) = ([recorded], Organisation.When(null, recorded)!);
        }
        else
        {
            var registered = RegisterOrganisation.Decide(id, request, Loader, at);
            (events, state) = ([registered], Organisation.When(null, registered)!);
        }
        events.AddRange(demo.Status switch
        {
            DemoStatus.Verified => VerifyOrganisation.Decide(state, Loader, at),
            DemoStatus.Rejected => RejectOrganisation.Decide(state, new RejectOrganisationRequest(
                "Demo: could not be verified (no contact details that could be checked)."), Loader, at),
            _ => [],
        });
        return await StartAsync<Organisation>(session, id, events, ct);
    }

    async Task<(bool Added, int Memberships)> AddPersonAsync(IDocumentStore store, DemoPerson demo, DateTimeOffset at, CancellationToken ct)
    {
        var id = IdOf("person", demo.Key);
        var added = false;
        await using (var session = store.LightweightSession())
        {
            if (await session.Events.FetchStreamStateAsync(id, ct) is null)
            {
                var recorded = RecordPerson.Decide(id, null, new RecordPersonRequest(demo.DisplayName, $"{demo.Key}@example.org"), Loader, at);
                var consent = GiveConsent.Decide(Person.When(null, recorded)!,
                    new GiveConsentRequest(ConsentPurposes.ForumParticipation, "demo-1"), Loader, at);
                added = await StartAsync<Person>(session, id, [recorded, .. consent], ct);
            }
        }

        // Memberships separately, so a load interrupted between the two finishes them the next time.
        await using var memberships = store.LightweightSession();
        var person = await memberships.LoadAsync<Person>(id, ct);
        if (person is null) return (added, 0);
        var count = 0;
        foreach (var (organisationKey, role) in demo.Memberships)
        {
            var organisationId = OrganisationId(organisationKey);
            if (person.MembershipIn(organisationId) is not null) continue;
            // An archived organisation takes no members (staff may have archived a demo one since the last load).
            if (await memberships.LoadAsync<Organisation>(organisationId, ct) is not { IsArchived: false } organisation) continue;
            await JoinOrganisation.AddMembershipAsync(memberships, id, organisation, role, Loader, at, ct);
            count++;
        }
        if (count == 0) return (added, 0);
        try
        {
            await memberships.SaveChangesAsync(ct);
            return (added, count);
        }
        catch (Exception e) when (e is JasperFx.ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException
                                       or Marten.Exceptions.ConcurrentUpdateException)
        {
            // Another replica added them at the same moment.
            return (added, 0);
        }
    }

    async Task<bool> AddNetworkAsync(IDocumentStore store, DemoNetwork demo, DateTimeOffset at, CancellationToken ct)
    {
        var id = IdOf("local-network", demo.Key);
        await using var session = store.LightweightSession();
        if (await session.Events.FetchStreamStateAsync(id, ct) is not null) return false;

        var municipality = await session.LoadAsync<Municipality>(demo.Ags, ct);
        var coordinator = await session.LoadAsync<Organisation>(OrganisationId(demo.Coordinator), ct);
        var existing = await session.Query<LocalNetwork>().Where(n => n.MunicipalityAgs == demo.Ags).ToListAsync(ct);
        if (existing.Any(n => string.Equals(n.Name, demo.Name, StringComparison.OrdinalIgnoreCase)))
        {
            logger.LogWarning("Demo local network '{Name}' skipped: {Ags} has a network of that name.", demo.Name, demo.Ags);
            return false;
        }

        var events = new List<object>(CreateLocalNetwork.Decide(
            id, new CreateLocalNetworkRequest(demo.Name, demo.Ags, coordinator?.Id ?? OrganisationId(demo.Coordinator), demo.InitiatedOn),
            municipality, coordinator, existing, Loader, at));
        var state = Aggregate.Fold<LocalNetwork>(null, events)!;
        foreach (var memberKey in demo.Members)
        {
            var member = await session.LoadAsync<Organisation>(OrganisationId(memberKey), ct);
            var joined = AddLocalNetworkMember.Decide(state, new AddLocalNetworkMemberRequest(OrganisationId(memberKey)), member, Loader, at);
            state = Aggregate.Fold(state, joined)!;
            events.AddRange(joined);
        }
        foreach (var stage in demo.Stages)
        {
            var changed = ChangeLocalNetworkStage.Decide(state, new ChangeLocalNetworkStageRequest(stage.Stage, stage.On, stage.Note), Loader, at);
            state = Aggregate.Fold(state, changed)!;
            events.AddRange(changed);
        }
        return await StartAsync<LocalNetwork>(session, id, events, ct);
    }

    /// <summary>Starts the stream; false when another replica started it a moment ago.</summary>
    static async Task<bool> StartAsync<T>(IDocumentSession session, Guid id, IReadOnlyList<object> events, CancellationToken ct) where T : class
    {
        session.Events.StartStream<T>(id, events.ToArray());
        try
        {
            await session.SaveChangesAsync(ct);
            return true;
        }
        catch (JasperFx.Events.ExistingStreamIdCollisionException)
        {
            return false;
        }
    }
}

public static class DemoDataSetup
{
    /// <summary>Loads the demo data at start-up when configuration <c>Directory:LoadDemoData</c> is true.</summary>
    public static WebApplicationBuilder AddDemoData(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>(DemoDataLoader.ConfigurationKey))
            builder.Services.InitializeMartenWith<DemoDataLoader>();
        return builder;
    }
}
