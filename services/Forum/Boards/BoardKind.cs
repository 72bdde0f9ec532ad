namespace Network.Forum.Boards;

public enum BoardKind
{
    /// <summary>Created by staff around the Directory's themes.</summary>
    Thematic,
    /// <summary>Opened for a local network when the Directory created it; archived when the network goes dormant.</summary>
    LocalNetwork,
}
