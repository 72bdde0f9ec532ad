using System.Text.Json;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using Network.Contracts.Directory;
using Network.Contracts.Events;
using Network.Contracts.Forum;
using Network.Contracts.Knowledge;
using Network.Partners.Catalogue;
using Network.Platform.Inbox;

namespace Network.Partners.Feed;

/// <summary>
/// Records every integration event of the catalogue (<see cref="PublicEvents"/>) in the feed, once: the feed event and the
/// inbox record are one transaction. It implements one <c>IConsumer</c> per catalogue entry (a test holds the two lists
/// equal); what each records is the catalogue's, not this class's.
/// </summary>
public sealed class PublicEventsConsumer(IDocumentStore store, IOptions<PartnersOptions> options) :
    IConsumer<OrganisationRegistered>, IConsumer<OrganisationProfileUpdated>, IConsumer<OrganisationVerified>,
    IConsumer<OrganisationRejected>, IConsumer<OrganisationArchived>,
    IConsumer<LocalNetworkCreated>, IConsumer<LocalNetworkMemberJoined>, IConsumer<LocalNetworkMemberLeft>, IConsumer<LocalNetworkStageChanged>,
    IConsumer<PersonErased>,
    IConsumer<EventPublished>, IConsumer<EventRescheduled>, IConsumer<EventCancelled>,
    IConsumer<ThreadPromotedToGoodPractice>,
    IConsumer<KnowledgeItemPublished>, IConsumer<KnowledgeItemArchived>
{
    public static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    public Task Consume(ConsumeContext<OrganisationRegistered> context) => Record(context);
    public Task Consume(ConsumeContext<OrganisationProfileUpdated> context) => Record(context);
    public Task Consume(ConsumeContext<OrganisationVerified> context) => Record(context);
    public Task Consume(ConsumeContext<OrganisationRejected> context) => Record(context);
    public Task Consume(ConsumeContext<OrganisationArchived> context) => Record(context);
    public Task Consume(ConsumeContext<LocalNetworkCreated> context) => Record(context);
    public Task Consume(ConsumeContext<LocalNetworkMemberJoined> context) => Record(context);
    public Task Consume(ConsumeContext<LocalNetworkMemberLeft> context) => Record(context);
    public Task Consume(ConsumeContext<LocalNetworkStageChanged> context) => Record(context);
    public Task Consume(ConsumeContext<PersonErased> context) => Record(context);
    public Task Consume(ConsumeContext<EventPublished> context) => Record(context);
    public Task Consume(ConsumeContext<EventRescheduled> context) => Record(context);
    public Task Consume(ConsumeContext<EventCancelled> context) => Record(context);
    public Task Consume(ConsumeContext<ThreadPromotedToGoodPractice> context) => Record(context);
    public Task Consume(ConsumeContext<KnowledgeItemPublished> context) => Record(context);
    public Task Consume(ConsumeContext<KnowledgeItemArchived> context) => Record(context);

    Task Record<T>(ConsumeContext<T> context) where T : class =>
        store.HandleOnceAsync(context, this, (session, message) =>
        {
            var type = PublicEvents.For(typeof(T));
            var facts = type.Describe(message);
            var data = JsonSerializer.SerializeToElement(facts.Payload, type.Payload, PayloadJson);
            session.Events.Append(facts.Subject, new PartnerEvent(context.MessageId!.Value, type.Type, type.Service, facts.Subject,
                facts.SourceVersion, facts.OccurredAt, data, facts.ApiPath is null ? null : options.Value.PublicApiAddress + facts.ApiPath));
            return Task.CompletedTask;
        });
}

/// <summary>
/// One message at a time per replica, in the queue's order (a retry happens in place): two changes of one entity that
/// arrive together are recorded in the order they came, instead of racing for the entity's stream, where the loser is
/// retried and recorded after the winner. What reaches the queue out of order is put right by the deliverer, which sends
/// an entity's events by their source version.
/// </summary>
public sealed class PublicEventsConsumerDefinition : ConsumerDefinition<PublicEventsConsumer>
{
    public PublicEventsConsumerDefinition() => ConcurrentMessageLimit = 1;
}
