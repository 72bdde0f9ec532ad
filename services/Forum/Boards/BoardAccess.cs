using System.Data.Common;
using System.Security.Claims;
using Marten;
using Marten.Services.BatchQuerying;
using Network.Forum.Boards.LocalNetworks;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Forum.Boards;

/// <summary>A board with the local network it belongs to (null for a thematic board): what access is decided on.</summary>
public sealed record BoardInContext(Board Board, LocalNetworkCopy? Network)
{
    /// <summary>The organisations whose people read and post on a network board (empty for a thematic board).</summary>
    public IReadOnlyList<Guid> NetworkOrganisations => Network?.Organisations()
        ?? (Board.CoordinatorOrganisationId is { } c ? [c] : []);
}

/// <summary>Who reads a board, who moderates it. A board the caller may not read is a 404: its existence is not told.</summary>
public static class BoardAccess
{
    public static bool MayRead(this ClaimsPrincipal user, BoardInContext board) => board.Board.Visibility switch
    {
        BoardVisibility.Public => true,
        BoardVisibility.Members => user.IsSignedIn(),
        _ => user.IsStaff() || (user.IsSignedIn() && board.NetworkOrganisations.Any(user.MayActFor)),
    };

    /// <summary>
    /// The same rule for a signed-in person as the Forum knows them, without their token (the digest sweep): a network board is
    /// read by the people acting for its organisations. Staff roles live in tokens only, so a staff member who acts for none of
    /// them reads it on the site but not in a digest.
    /// </summary>
    public static bool MayRead(this Members.ForumMember? member, BoardInContext board) => board.Board.Visibility switch
    {
        BoardVisibility.Public or BoardVisibility.Members => true,
        _ => member is { Erased: false } && board.NetworkOrganisations.Any(member.ActingFor.Contains),
    };

    /// <summary>Staff moderate every board; the people acting for a network's coordinating organisation moderate its board.</summary>
    public static bool MayModerate(this ClaimsPrincipal user, Board board) =>
        user.IsStaff() || (board.CoordinatorOrganisationId is { } coordinator && user.IsSignedIn() && user.MayActFor(coordinator));

    /// <summary>
    /// The board and its local network, read in <paramref name="batch"/> (a network's board has the network's id, so both are
    /// read by the one id, in the round trip of whatever else the batch reads); null when there is no such board.
    /// </summary>
    public static async Task<BoardInContext?> Load(IBatchedQuery batch, Guid boardId)
    {
        var board = batch.Load<Board>(boardId);
        var network = batch.Load<LocalNetworkCopy>(boardId);
        return await board is { } found ? new BoardInContext(found, found.LocalNetworkId is not null ? await network : null) : null;
    }

    /// <summary>
    /// The board of thread <paramref name="threadId"/> and its network, found by the thread's board id in SQL, so they are
    /// read in the round trip of whatever else <paramref name="batch"/> reads (null when there is no such thread or board).
    /// </summary>
    public static async Task<BoardInContext?> LoadOfThread(IBatchedQuery batch, string schema, Guid threadId)
    {
        var boardOfThread = $"where id = (select board_id from {schema}.{Threads.ThreadStore.ThreadTable} where id = ?)";
        var board = batch.Query<Board>(boardOfThread, threadId);
        var network = batch.Query<LocalNetworkCopy>(boardOfThread, threadId);
        return await board is [var found] ? new BoardInContext(found, found.LocalNetworkId is not null ? (await network).FirstOrDefault() : null) : null;
    }

    /// <summary>
    /// SQL for <see cref="ReadAsync"/>: the board (and its network) of thread <c>$1</c> when <paramref name="byThread"/>, else board <c>$1</c>.
    /// </summary>
    public static string Sql(string schema, bool byThread) =>
        $"select b.data, n.data from {schema}.mt_doc_board b left join {schema}.mt_doc_localnetworkcopy n on n.id = b.id where b.id = "
        + (byThread ? $"(select board_id from {schema}.{Threads.ThreadStore.ThreadTable} where id = $1)" : "$1");

    /// <summary>The board read by <see cref="Sql"/> (the reader on its result), null when there is none.</summary>
    public static async Task<BoardInContext?> ReadAsync(DbDataReader reader, ForumSql sql, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct)) return null;
        var board = sql.Document<Board>(reader, 0)!;
        return new BoardInContext(board, board.LocalNetworkId is not null ? sql.Document<LocalNetworkCopy>(reader, 1) : null);
    }

    public static async Task<BoardInContext> LoadAsync(IQuerySession session, Guid boardId, CancellationToken ct)
    {
        var board = await session.LoadAsync<Board>(boardId, ct) ?? throw new ResourceNotFound("Board", boardId);
        var network = board.LocalNetworkId is { } id ? await session.LoadAsync<LocalNetworkCopy>(id, ct) : null;
        return new BoardInContext(board, network);
    }

    /// <summary>The board, if the caller may read it; otherwise as if it did not exist.</summary>
    public static async Task<BoardInContext> ReadableAsync(IQuerySession session, Guid boardId, ClaimsPrincipal user, CancellationToken ct)
    {
        var board = await LoadAsync(session, boardId, ct);
        return user.MayRead(board) ? board : throw new ResourceNotFound("Board", boardId);
    }
}
