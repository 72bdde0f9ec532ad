using Network.Forum.Threads;
using Network.Platform.Outbox;
using Published = Network.Contracts.Forum;

namespace Network.Forum;

/// <summary>What the Forum tells other services: threads promoted to good practice, and that it forgot an erased person.</summary>
public sealed class IntegrationEvents : IntegrationEventMap
{
    public const string ServiceName = "forum";

    public IntegrationEvents()
    {
        Publish<ThreadPromoted>((p, version) => new Published.ThreadPromotedToGoodPractice(p.ThreadId, p.BoardId, p.Title, p.Summary, p.Language,
            p.Themes, p.OrganisationIds, p.MunicipalityAgs, p.LocalNetworkId, $"/api/forum/threads/{p.ThreadId}", version, p.At));
        PublishErasureConfirmations((person, at) => new Published.PersonalDataErasureConfirmed(person, at));
    }
}
