using Network.Forum.Digests;
using Network.Forum.Following;
using Network.Forum.Threads;
using Network.Platform.Outbox;
using Published = Network.Contracts.Forum;

namespace Network.Forum;

/// <summary>What the Forum tells other services: threads promoted to good practice, readers' digests to mail, and that it forgot an erased person.</summary>
public sealed class IntegrationEvents : IntegrationEventMap
{
    public const string ServiceName = "forum";

    public IntegrationEvents()
    {
        Publish<ThreadPromoted>((p, version) => new Published.ThreadPromotedToGoodPractice(p.ThreadId, p.BoardId, p.Title, p.Summary, p.Language,
            p.Themes, p.OrganisationIds, p.MunicipalityAgs, p.LocalNetworkId, $"/api/forum/threads/{p.ThreadId}", version, p.At));
        Publish<DigestComposed>((d, _) => d.Items.Count == 0 || !Guid.TryParse(d.PersonId, out var person) ? null
            : new Published.ForumDigestComposed(d.DigestId, person, DigestMail.Subject(d), DigestMail.Text(d), d.From, d.To, d.At));
        PublishErasureConfirmations((person, at) => new Published.PersonalDataErasureConfirmed(person, at));
    }
}
