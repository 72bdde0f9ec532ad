using Network.Forum.Boards.ChangingVisibility;
using Network.Forum.Boards.Creating;
using Network.Forum.Boards.Viewing;
using Network.Forum.Threads.Starting;
using Network.Forum.Threads.Viewing;
using Network.Platform.Auth;

namespace Network.Forum.Boards;

public static class BoardsApi
{
    /// <summary>Reads are open to everybody: each board's visibility decides who sees it (a 404 for anybody else).</summary>
    public static IEndpointRouteBuilder MapBoardsApi(this IEndpointRouteBuilder app)
    {
        var boards = app.MapGroup("/boards").WithTags("Boards");
        boards.MapGet("/", ListBoards.Handle).AllowAnonymous();
        boards.MapGet("/{id:guid}", GetBoard.Handle).AllowAnonymous();
        boards.MapPost("/", CreateBoard.Handle).RequireAuthorization(Policies.Staff);
        boards.MapPut("/{id:guid}/visibility", ChangeBoardVisibility.Handle).RequireAuthorization(Policies.Person);
        boards.MapGet("/{id:guid}/threads", ListThreads.Handle).AllowAnonymous();
        boards.MapPost("/{id:guid}/threads", StartThread.Handle).RequireAuthorization(Policies.Person);
        return app;
    }
}
