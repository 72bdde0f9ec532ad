using Network.Forum.Posting;

namespace Network.Forum.Posts.Viewing;

/// <summary>An organisation a post mentions, linked to its entry in the Forum's member list.</summary>
public sealed record MentionResponse(Guid OrganisationId, string? Name, string Href);

/// <summary>
/// A post as a reader sees it. A hidden post keeps its place with the moderators' reason; its content (source and HTML) is
/// shown to the board's moderators only.
/// </summary>
public sealed record PostResponse(
    Guid Id, Guid ThreadId, int Number, ParticipantResponse Author, Guid? OrganisationId, string? OrganisationName,
    string Language, string? Source, string? Html, Guid? QuotedPostId, IReadOnlyList<MentionResponse> Mentions,
    DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, int Revisions, bool Hidden, string? HiddenReason, int? FlagCount)
{
    public static PostResponse From(Post p, ParticipantNames names, bool moderator, HttpRequest request)
    {
        var showContent = !p.Hidden || moderator;
        return new PostResponse(p.Id, p.ThreadId, p.Number, names.Of(p.Author, p.OrganisationId), p.OrganisationId, names.OrganisationName(p.OrganisationId),
            p.Language, showContent ? p.Source : null, showContent ? p.Html : null, p.QuotedPostId,
            [.. p.Mentions.Select(m => new MentionResponse(m, names.OrganisationName(m), Network.Platform.Http.PublicLinks.Absolute(request, $"/organisations/{m}")))],
            p.CreatedAt, p.EditedAt, p.Revision, p.Hidden, p.HiddenReason, moderator ? p.FlagCount : null);
    }

    /// <summary>A page's posts, named with one read of members and organisations.</summary>
    public static async Task<IReadOnlyList<PostResponse>> ManyAsync(Marten.IQuerySession session, IReadOnlyList<Post> posts, bool moderator, HttpRequest request, CancellationToken ct)
    {
        var names = await ParticipantNames.LoadAsync(session, posts.Select(p => p.Author), OrganisationsOf(posts), ct);
        return [.. posts.Select(p => From(p, names, moderator, request))];
    }

    /// <summary>The organisations a page of posts names: those written for, and those mentioned.</summary>
    public static IEnumerable<Guid?> OrganisationsOf(IReadOnlyList<Post> posts) =>
        posts.Select(p => p.OrganisationId).Concat(posts.SelectMany(p => p.Mentions).Select(m => (Guid?)m));
}
