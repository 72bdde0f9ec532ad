namespace Network.Forum.Boards;

/// <summary>Who reads a board (and so who can post there at all).</summary>
public enum BoardVisibility
{
    /// <summary>Everybody, signed in or not.</summary>
    Public,
    /// <summary>Signed-in people (members, coordinators, staff).</summary>
    Members,
    /// <summary>People acting for an organisation of the board's local network, and staff (local network boards only).</summary>
    Network,
}
