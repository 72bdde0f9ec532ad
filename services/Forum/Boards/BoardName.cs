namespace Network.Forum.Boards;

/// <summary>A board's name in German and English; a thematic board has both, a local network's board its network's name in both.</summary>
public sealed record BoardName(string De, string En);
