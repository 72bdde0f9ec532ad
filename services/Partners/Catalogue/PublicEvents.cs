using Network.Contracts.Directory;
using Network.Contracts.Events;
using Network.Contracts.Forum;
using Network.Contracts.Knowledge;

namespace Network.Partners.Catalogue;

/// <summary>
/// One public event type as partners see it: the CloudEvents <c>type</c>, the service it comes from (a partner needs that
/// service's scope to receive it), what it means, the integration event it is made from and the payload record partners
/// get as the CloudEvent's <c>data</c>.
/// </summary>
/// <param name="Type">The CloudEvents <c>type</c>: <c>network.&lt;service&gt;.&lt;entity&gt;.&lt;what happened&gt;.v&lt;n&gt;</c>; a breaking change is a new version.</param>
/// <param name="Service">The owning service, also the API scope a partner needs to see the event.</param>
/// <param name="Entity">What the event is about, the kind of its <c>subject</c> id; its events are delivered in order.</param>
public sealed record PublicEventType(string Type, string Service, string Entity, string Description, Type Contract, Type Payload,
    Func<object, PublicEventFacts> Describe);

/// <summary>What the feed records of one integration event: the entity it is about (the CloudEvent's <c>subject</c>,
/// the order key), the entity's version in its service, when it happened, the public payload and the entity's API path.</summary>
/// <param name="ApiPath">The entity's public address at the gateway without the host, e.g. <c>api/directory/organisations/{id}</c>.</param>
public sealed record PublicEventFacts(Guid Subject, long SourceVersion, DateTimeOffset OccurredAt, object Payload, string? ApiPath);

/// <summary>
/// The catalogue of public events: which integration events partners hear about and what each tells them. This list is
/// the one source: the consumer records exactly these, the webhook filter and the replay accept exactly these types,
/// docs/partners.md lists them, and a generator (the AsyncAPI document) can read <see cref="All"/> with each payload's
/// type. Payloads are thin (ids, kind, what changed, a link to the API) and never carry e-mail addresses or names of
/// people; an organisation's name only when its profile is public.
/// </summary>
public static class PublicEvents
{
    public const string Prefix = "network.";

    public static readonly IReadOnlyList<PublicEventType> All =
    [
        // Directory: organisations
        Define<OrganisationRegistered, OrganisationRegisteredV1>("network.directory.organisation.registered.v1", "directory", "organisation",
            "An organisation registered; it is pending until staff verify it (or it is an out-of-sight actor staff recorded).",
            e => new(e.OrganisationId, e.Version, e.RegisteredAt,
                new OrganisationRegisteredV1(e.OrganisationId, PublicName(e.Name, e.Visibility), e.Kind, e.MunicipalityAgs, e.Themes ?? [], e.IsShadow),
                $"api/directory/organisations/{e.OrganisationId}")),
        Define<OrganisationProfileUpdated, OrganisationProfileUpdatedV1>("network.directory.organisation.profile-updated.v1", "directory", "organisation",
            "An organisation's profile changed; read the profile from the link.",
            e => new(e.OrganisationId, e.Version, e.UpdatedAt,
                new OrganisationProfileUpdatedV1(e.OrganisationId, PublicName(e.Name, e.Visibility), e.Kind, e.Themes ?? []),
                $"api/directory/organisations/{e.OrganisationId}")),
        Define<OrganisationVerified, OrganisationStatusV1>("network.directory.organisation.verified.v1", "directory", "organisation",
            "Staff verified an organisation: it is a confirmed actor of the network.",
            e => new(e.OrganisationId, e.Version, e.VerifiedAt, new OrganisationStatusV1(e.OrganisationId), $"api/directory/organisations/{e.OrganisationId}")),
        Define<OrganisationRejected, OrganisationStatusV1>("network.directory.organisation.rejected.v1", "directory", "organisation",
            "Staff did not verify an organisation's registration (the reason stays in the Directory).",
            e => new(e.OrganisationId, e.Version, e.RejectedAt, new OrganisationStatusV1(e.OrganisationId), $"api/directory/organisations/{e.OrganisationId}")),
        Define<OrganisationArchived, OrganisationStatusV1>("network.directory.organisation.archived.v1", "directory", "organisation",
            "An organisation was archived for good: drop it from your lists.",
            e => new(e.OrganisationId, e.Version, e.ArchivedAt, new OrganisationStatusV1(e.OrganisationId), null)),

        // Directory: local networks
        Define<LocalNetworkCreated, LocalNetworkCreatedV1>("network.directory.local-network.created.v1", "directory", "local-network",
            "A municipality's local network was founded, coordinated by an organisation.",
            e => new(e.NetworkId, e.Version, e.CreatedAt,
                new LocalNetworkCreatedV1(e.NetworkId, e.Name, e.MunicipalityAgs, e.CoordinatorOrganisationId, e.Stage),
                $"api/directory/local-networks/{e.NetworkId}")),
        Define<LocalNetworkMemberJoined, LocalNetworkMembershipV1>("network.directory.local-network.member-joined.v1", "directory", "local-network",
            "An organisation joined a local network.",
            e => new(e.NetworkId, e.Version, e.JoinedAt, new LocalNetworkMembershipV1(e.NetworkId, e.OrganisationId),
                $"api/directory/local-networks/{e.NetworkId}")),
        Define<LocalNetworkMemberLeft, LocalNetworkMembershipV1>("network.directory.local-network.member-left.v1", "directory", "local-network",
            "An organisation left a local network.",
            e => new(e.NetworkId, e.Version, e.LeftAt, new LocalNetworkMembershipV1(e.NetworkId, e.OrganisationId),
                $"api/directory/local-networks/{e.NetworkId}")),
        Define<LocalNetworkStageChanged, LocalNetworkStageChangedV1>("network.directory.local-network.stage-changed.v1", "directory", "local-network",
            "A local network reached a new stage (Initiated, ActorInventory, NetworkingWorkshopHeld, Active, SelfSustaining, Dormant).",
            e => new(e.NetworkId, e.Version, e.ChangedAt, new LocalNetworkStageChangedV1(e.NetworkId, e.PreviousStage, e.Stage, e.On),
                $"api/directory/local-networks/{e.NetworkId}")),

        // Directory: people (privacy)
        Define<PersonErased, PersonErasedV1>("network.directory.person.erased.v1", "directory", "person",
            "A person's personal data was erased in the network: delete everything you keep about this person id, now.",
            e => new(e.PersonId, e.Version, e.ErasedAt, new PersonErasedV1(e.PersonId), null)),

        // Events
        Define<EventPublished, EventPublishedV1>("network.events.event.published.v1", "events", "event",
            "An event (conference, regional event, training, webinar, networking meeting, advisory session) was published.",
            e => new(e.EventId, e.Version, e.PublishedAt,
                new EventPublishedV1(e.EventId, e.Kind, e.TitleDe, e.TitleEn, e.Start, e.End, e.OrganiserId, e.MunicipalityAgs),
                $"api/events/events/{e.EventId}")),
        Define<EventRescheduled, EventRescheduledV1>("network.events.event.rescheduled.v1", "events", "event",
            "A published event got new dates; its registrations are kept.",
            e => new(e.EventId, e.Version, e.RescheduledAt, new EventRescheduledV1(e.EventId, e.Start, e.End), $"api/events/events/{e.EventId}")),
        Define<EventCancelled, EventCancelledV1>("network.events.event.cancelled.v1", "events", "event",
            "A published event was cancelled.",
            e => new(e.EventId, e.Version, e.CancelledAt, new EventCancelledV1(e.EventId, e.Reason), $"api/events/events/{e.EventId}")),

        // Forum
        Define<ThreadPromotedToGoodPractice, ThreadPromotedV1>("network.forum.thread.promoted.v1", "forum", "thread",
            "Staff found that a forum discussion proved itself; a good practice is being drafted from it.",
            e => new(e.ThreadId, e.Version, e.PromotedAt, new ThreadPromotedV1(e.ThreadId, e.BoardId, e.Themes, e.MunicipalityAgs, e.LocalNetworkId),
                $"api/forum/threads/{e.ThreadId}")),

        // Knowledge
        Define<KnowledgeItemPublished, KnowledgeItemPublishedV1>("network.knowledge.item.published.v1", "knowledge", "item",
            "A knowledge item (good practice, publication, expert article, lesson learned, project) became public at this revision.",
            e => new(e.ItemId, e.Version, e.At,
                new KnowledgeItemPublishedV1(e.ItemId, e.Type, e.TitleDe, e.TitleEn, e.Organisations, e.Themes, e.Sdgs, e.MunicipalityAgs, e.Revision),
                $"api/knowledge/items/{e.ItemId}")),
        Define<KnowledgeItemArchived, KnowledgeItemArchivedV1>("network.knowledge.item.archived.v1", "knowledge", "item",
            "A published knowledge item was taken out of public view.",
            e => new(e.ItemId, e.Version, e.At, new KnowledgeItemArchivedV1(e.ItemId), $"api/knowledge/items/{e.ItemId}")),
    ];

    static readonly Dictionary<Type, PublicEventType> ByContract = All.ToDictionary(t => t.Contract);
    static readonly Dictionary<string, PublicEventType> ByType = All.ToDictionary(t => t.Type, StringComparer.Ordinal);

    /// <summary>The services whose events are public (each a partner scope).</summary>
    public static readonly IReadOnlyList<string> Services = [.. All.Select(t => t.Service).Distinct()];

    public static PublicEventType For(Type contract) =>
        ByContract.TryGetValue(contract, out var type) ? type : throw new InvalidOperationException($"{contract.Name} is not in the public catalogue.");

    public static PublicEventType? Find(string type) => ByType.GetValueOrDefault(type);

    /// <summary>A name is public only when the organisation's profile is (Visibility Public; older messages without it count as Public).</summary>
    static string? PublicName(string name, string? visibility) => visibility is null or "Public" ? name : null;

    static PublicEventType Define<TContract, TPayload>(string type, string service, string entity, string description,
        Func<TContract, PublicEventFacts> describe) where TContract : class where TPayload : class =>
        new(type, service, entity, description, typeof(TContract), typeof(TPayload), message => describe((TContract)message));
}
