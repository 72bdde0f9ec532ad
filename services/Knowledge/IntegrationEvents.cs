using Network.Knowledge.Items;
using Network.Platform.Outbox;
using Published = Network.Contracts.Knowledge;

namespace Network.Knowledge;

/// <summary>What the Knowledge service tells other services, translated from its committed domain events.</summary>
public sealed class IntegrationEvents : IntegrationEventMap
{
    public IntegrationEvents()
    {
        Publish<ItemSubmitted>((s, version) => new Published.KnowledgeItemSubmitted(s.ItemId, s.Type.ToString(), s.OrganisationId, s.Revision, version, s.At));
        Publish<ItemPublished>((p, version) => new Published.KnowledgeItemPublished(p.ItemId, p.Type.ToString(), p.Content.Title.De,
            p.Content.Title.En, p.OrganisationId, p.Content.Organisations, p.Content.Themes, p.Content.Sdgs, p.Content.MunicipalityAgs,
            p.Revision, version, p.At));
        Publish<ItemArchived>((a, version) => new Published.KnowledgeItemArchived(a.ItemId, a.Reason, version, a.At));
        PublishErasureConfirmations((person, at) => new Published.PersonalDataErasureConfirmed(person, at));
    }
}
