using Network.Platform.Aggregates;

namespace Network.Forum.Boards;

/// <summary>
/// A board: thematic (staff created it) or a local network's (opened by the Directory's network). Its threads are
/// streams of their own, so the board stays this small whatever is written in it. The stream version is the ETag.
/// </summary>
public sealed record Board : IAggregate<Board>
{
    public Guid Id { get; init; }
    public BoardKind Kind { get; init; }
    public BoardName Name { get; init; } = new("", "");
    public IReadOnlyList<string> Themes { get; init; } = [];
    public BoardVisibility Visibility { get; init; }
    public Guid? LocalNetworkId { get; init; }
    public string? MunicipalityAgs { get; init; }
    /// <summary>The network's coordinating organisation: the people acting for it moderate the board.</summary>
    public Guid? CoordinatorOrganisationId { get; init; }
    public bool Archived { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public long Version { get; set; }

    /// <summary>The one fold of a board (Marten's snapshot and the specifications use it).</summary>
    public static Board? When(Board? state, object @event) => (state, @event) switch
    {
        (_, BoardCreated e) => new Board
        {
            Id = e.BoardId, Kind = BoardKind.Thematic, Name = e.Name, Themes = e.Themes, Visibility = e.Visibility, CreatedAt = e.At,
        },
        (_, LocalNetworkBoardOpened e) => new Board
        {
            Id = e.BoardId, Kind = BoardKind.LocalNetwork, Name = new BoardName(e.Name, e.Name), Visibility = BoardVisibility.Network,
            LocalNetworkId = e.LocalNetworkId, MunicipalityAgs = e.MunicipalityAgs, CoordinatorOrganisationId = e.CoordinatorOrganisationId,
            CreatedAt = e.At,
        },
        (null, _) => null,
        (_, BoardArchived) => state with { Archived = true },
        (_, BoardReopened) => state with { Archived = false },
        (_, BoardVisibilityChanged e) => state with { Visibility = e.Visibility },
        _ => state,
    };
}
