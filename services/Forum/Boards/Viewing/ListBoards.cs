using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Forum.Boards.LocalNetworks;
using Network.Platform.Http;

namespace Network.Forum.Boards.Viewing;

public static class ListBoards
{
    /// <summary>
    /// GET /boards: the boards the caller may read, thematic ones first, then by English name; filter by theme or
    /// municipality (AGS), archived ones only when asked. Boards are few (themes and networks), so they are filtered here.
    /// </summary>
    public static async Task<Ok<Page<BoardResponse>>> Handle(
        HttpContext http, IQuerySession session, [FromQuery] string? theme, [FromQuery] string? municipality,
        [FromQuery] bool? archived, [FromQuery] int? page, [FromQuery] int? pageSize, CancellationToken ct)
    {
        var validation = new Validation();
        var paging = Paging.Validate(page, pageSize, validation);
        validation.ThrowIfInvalid();

        var boards = await session.Query<Board>().ToListAsync(ct);
        var networkIds = boards.Where(b => b.LocalNetworkId is not null).Select(b => b.LocalNetworkId!.Value).ToArray();
        var networks = (await session.LoadManyAsync<LocalNetworkCopy>(ct, networkIds)).ToDictionary(n => n.Id);
        var visible = boards
            .Where(b => http.User.MayRead(new BoardInContext(b, b.LocalNetworkId is { } n ? networks.GetValueOrDefault(n) : null)))
            .Where(b => b.Archived == (archived ?? false))
            .Where(b => theme is null || b.Themes.Contains(theme))
            .Where(b => municipality is null || b.MunicipalityAgs == municipality)
            .OrderBy(b => b.Kind).ThenBy(b => b.Name.En, StringComparer.OrdinalIgnoreCase).ThenBy(b => b.Id)
            .ToList();
        var items = visible.Skip((paging.Page - 1) * paging.Size).Take(paging.Size).Select(BoardResponse.From).ToList();
        return TypedResults.Ok(new Page<BoardResponse>(items, paging.Page, paging.Size, visible.Count));
    }
}
