namespace Network.Forum.Posts.Rendering;

/// <summary>A post's Markdown as readers get it: sanitised HTML, and what the newcomer limits count in it.</summary>
public sealed record RenderedPost(string Html, int Links, int Images);
