using MassTransit;
using Marten;
using Network.Contracts.Forum;
using Network.Platform.Http;
using Network.Platform.Inbox;
using Network.Platform.Text;

namespace Network.Knowledge.Items.Provenance;

/// <summary>
/// A forum thread that staff promoted becomes a draft good practice for staff to work on, linked to the thread. The
/// draft's stream id is the thread's id, so a repeated or replayed promotion cannot open a second draft; each message is
/// applied once, in the transaction of its inbox record.
/// </summary>
public sealed class ForumPromotionsConsumer(IDocumentStore store) : IConsumer<ThreadPromotedToGoodPractice>
{
    public Task Consume(ConsumeContext<ThreadPromotedToGoodPractice> context) =>
        store.HandleOnceAsync(context, this, async (session, e) =>
        {
            if (await session.Events.FetchStreamStateAsync(e.ThreadId, context.CancellationToken) is not null) return;
            session.Events.StartStream<KnowledgeItem>(e.ThreadId, Draft(e));
        });

    /// <summary>The draft: the thread's title and staff's summary in the summary's language, the board's themes, the writers' organisations.</summary>
    public static ItemDrafted Draft(ThreadPromotedToGoodPractice e)
    {
        var german = e.Language == "de";
        string Cut(string text, int max) => text.Length <= max ? text : text[..max];
        var title = Cut(e.Title, ItemContentRules.MaxTitle);
        var summary = Cut(e.Summary, ItemContentRules.MaxSummary);
        var content = new ItemContent(
            german ? new LocalizedText(title, null) : new LocalizedText(null, title),
            german ? new LocalizedText(summary, null) : new LocalizedText(null, summary),
            new Dictionary<string, LocalizedText>(), e.MunicipalityAgs,
            [.. e.OrganisationIds.Distinct().Take(ItemContentRules.MaxList)],
            [.. e.Themes.Where(ThemeKeys.IsValid).Distinct().Take(ItemContentRules.MaxList)], [], []);
        return new ItemDrafted(e.ThreadId, ItemType.GoodPractice, null, content, "forum", "Forum", e.PromotedAt,
            [new SourceLink(SourceLink.ForumThread, e.ThreadId, e.ThreadPath, e.Title)]);
    }
}
