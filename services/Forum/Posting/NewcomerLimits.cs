namespace Network.Forum.Posting;

/// <summary>
/// What a newcomer may do (configuration section <c>Network:Forum:Newcomers</c>). A member is a newcomer while they have
/// written fewer than <see cref="Posts"/> posts, or their first post is less than <see cref="Days"/> days old. Staff and the
/// coordinators of a board are never newcomers there.
/// </summary>
public sealed class NewcomerLimits
{
    public const string Section = "Network:Forum:Newcomers";

    public int Days { get; set; } = 3;
    public int Posts { get; set; } = 5;
    public int LinksPerPost { get; set; } = 2;
    public int PostsPerHour { get; set; } = 5;
    /// <summary>Images in a newcomer's post (Markdown <c>![..](..)</c>): none by default.</summary>
    public bool ImagesAllowed { get; set; }
}
