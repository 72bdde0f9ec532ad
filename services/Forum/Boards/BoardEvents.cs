namespace Network.Forum.Boards;

/// <summary>What can happen to a board: the events of its stream (the marker lets the board's snapshot take only these).</summary>
public interface IBoardEvent;

// Domain events of a board's stream: small, past tense, who (the actor's subject) and when.
public sealed record BoardCreated(Guid BoardId, BoardName Name, IReadOnlyList<string> Themes, BoardVisibility Visibility, string By, DateTimeOffset At) : IBoardEvent;

/// <summary>The Directory created a local network: its board opened (stream id = the network's id), read by the network's organisations.</summary>
public sealed record LocalNetworkBoardOpened(Guid BoardId, Guid LocalNetworkId, string Name, string MunicipalityAgs,
    Guid CoordinatorOrganisationId, DateTimeOffset At) : IBoardEvent;

/// <summary>No new threads or posts; everything in it stays readable.</summary>
public sealed record BoardArchived(Guid BoardId, string Reason, DateTimeOffset At) : IBoardEvent;

/// <summary>A dormant network became active again: its board takes posts again.</summary>
public sealed record BoardReopened(Guid BoardId, DateTimeOffset At) : IBoardEvent;

public sealed record BoardVisibilityChanged(Guid BoardId, BoardVisibility Visibility, string By, DateTimeOffset At) : IBoardEvent;
