using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Forum.Boards.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;

namespace Network.Forum.Boards.Creating;

public sealed record CreateBoardRequest(BoardName? Name, IReadOnlyList<string>? Themes, BoardVisibility? Visibility);

public static partial class CreateBoard
{
    public const int MaxNameLength = 120;
    public const int MaxThemes = 10;

    /// <summary>
    /// A German and an English name, and up to ten theme keys of the Directory's vocabulary (kebab-case: the Forum checks
    /// their form; the Directory's staff-added themes are not published, so it cannot check the list). Network visibility
    /// is for local network boards only.
    /// </summary>
    public static (BoardName Name, IReadOnlyList<string> Themes, BoardVisibility Visibility) Validate(CreateBoardRequest r)
    {
        var v = new Validation().Required("name.de", r.Name?.De, MaxNameLength).Required("name.en", r.Name?.En, MaxNameLength);
        var themes = r.Themes ?? [];
        v.ThemeKeyList("themes", themes, MaxThemes);
        if (r.Visibility == BoardVisibility.Network)
            v.Add("visibility", "Only a local network's board is read by the network's organisations; a thematic board is Public or Members.");
        v.Defined<BoardVisibility>("visibility", r.Visibility ?? BoardVisibility.Public);
        v.ThrowIfInvalid();
        return (new BoardName(r.Name!.De.Trim(), r.Name.En.Trim()), [.. themes.Distinct()], r.Visibility ?? BoardVisibility.Public);
    }

    public static IReadOnlyList<object> Decide(Guid id, BoardName name, IReadOnlyList<string> themes, BoardVisibility visibility, Actor by, DateTimeOffset at) =>
        [new BoardCreated(id, name, themes, visibility, by.Id, at)];

    /// <summary>POST /boards: staff only; a thematic board.</summary>
    public static async Task<Created<BoardResponse>> Handle(
        CreateBoardRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (name, themes, visibility) = Validate(request);
        var id = Guid.CreateVersion7();
        var created = Decide(id, name, themes, visibility, http.User.Actor(), clock.GetUtcNow());
        var version = await session.StartAsync<Board>(id, created, ct);
        var board = Platform.Aggregates.Aggregate.Fold<Board>(null, created)!;
        board.Version = version;
        http.Response.SetETag(version);
        return TypedResults.Created($"/boards/{id}", BoardResponse.From(board));
    }
}
