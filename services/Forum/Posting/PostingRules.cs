using Network.Forum.Boards;
using Network.Forum.Posts.Rendering;
using Network.Platform.Http;

namespace Network.Forum.Posting;

/// <summary>Who may write where, and what a newcomer may write: every rule a post or an edit is checked against.</summary>
public static class PostingRules
{
    /// <summary>
    /// Staff post everywhere; anybody else acts for a verified organisation (403 otherwise), on a local network's board for
    /// one of the network's organisations (403 otherwise). Nobody posts on an archived board (409).
    /// </summary>
    /// <returns>The organisation the post is written for (null for staff who name none).</returns>
    public static Guid? EnsureMayPost(Poster poster, BoardInContext board, Guid? onBehalfOf)
    {
        if (board.Board.Archived)
            throw new DomainRuleViolation($"Board '{board.Board.Id}' is archived; it takes no new threads or posts.", StatusCodes.Status409Conflict, "Board archived");
        if (poster.Erased)
            throw new Forbidden("Your personal data was erased; you can no longer post.");
        if (poster.IsStaff)
            return onBehalfOf;
        if (poster.VerifiedOrganisations.Count == 0)
            throw new Forbidden("Only people acting for a verified organisation may post in the forum.");
        var candidates = board.Board.Kind == BoardKind.LocalNetwork
            ? poster.VerifiedOrganisations.Where(board.NetworkOrganisations.Contains).ToList()
            : poster.VerifiedOrganisations;
        if (candidates.Count == 0)
            throw new Forbidden("Only people acting for an organisation of this local network may post on its board.");
        if (onBehalfOf is { } chosen && !candidates.Contains(chosen))
            throw new Forbidden($"You may not post for organisation '{chosen}' here: you do not act for it, it is not verified or not in this network.");
        return onBehalfOf ?? candidates[0];
    }

    public static bool IsNewcomer(AuthorActivity activity, NewcomerLimits limits, DateTimeOffset now) =>
        activity.FirstPosts.Count < limits.Posts || (activity.FirstPosts.Count > 0 && activity.FirstPosts[0] > now.AddDays(-limits.Days));

    /// <summary>
    /// A newcomer's post has at most <see cref="NewcomerLimits.LinksPerPost"/> links and no images (409), and they write at
    /// most <see cref="NewcomerLimits.PostsPerHour"/> posts an hour (429 with Retry-After: when the oldest of them is an
    /// hour old). <paramref name="exempt"/>: staff and the board's moderators.
    /// </summary>
    public static void EnsureNewcomerLimits(bool exempt, AuthorActivity activity, RenderedPost post, NewcomerLimits limits, DateTimeOffset now, bool isNewPost = true)
    {
        if (exempt || !IsNewcomer(activity, limits, now)) return;
        if (post.Links > limits.LinksPerPost)
            throw new DomainRuleViolation(
                $"As a newcomer you may put at most {limits.LinksPerPost} links into a post; this one has {post.Links}.",
                StatusCodes.Status409Conflict, "Too many links for a newcomer");
        if (post.Images > 0 && !limits.ImagesAllowed)
            throw new DomainRuleViolation("As a newcomer you may not put images into a post yet.", StatusCodes.Status409Conflict, "No images for newcomers");
        if (isNewPost && limits.PostsPerHour > 0 && activity.LastHour.Count >= limits.PostsPerHour)
            throw new DomainRuleViolation(
                $"As a newcomer you may write at most {limits.PostsPerHour} posts an hour; try again later.",
                StatusCodes.Status429TooManyRequests, "Too many posts")
            {
                RetryAfter = activity.LastHour[0].AddHours(1) - now,
            };
    }
}
