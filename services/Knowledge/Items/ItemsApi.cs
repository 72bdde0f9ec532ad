using Microsoft.AspNetCore.Mvc;
using Network.Knowledge.Files;
using Network.Knowledge.Items.Archiving;
using Network.Knowledge.Items.Drafting;
using Network.Knowledge.Items.Publishing;
using Network.Knowledge.Items.Reviewing;
using Network.Knowledge.Items.Revising;
using Network.Knowledge.Items.Searching;
using Network.Knowledge.Items.Submitting;
using Network.Knowledge.Items.Viewing;
using Network.Platform.Auth;
using Network.Platform.Http;

namespace Network.Knowledge.Items;

public static class ItemsApi
{
    public static IEndpointRouteBuilder MapItemsApi(this IEndpointRouteBuilder app)
    {
        var items = app.MapGroup("/items").WithTags("Items");
        items.MapGet("/", ListItems.Handle).AllowAnonymous();
        items.MapGet("/{id:guid}", GetItem.Handle).AllowAnonymous();
        items.MapGet("/{id:guid}/revisions", ItemRevisions.List).AllowAnonymous();
        items.MapGet("/{id:guid}/revisions/{revision:int}", ItemRevisions.Get).AllowAnonymous();
        items.MapGet("/{id:guid}/diff", DiffRevisions.Handle).AllowAnonymous();
        items.MapGet("/{id:guid}/links", Links.ItemLinks.Handle).AllowAnonymous();
        items.MapGet("/{id:guid}/history", GetHistory.Handle).RequireAuthorization(Policies.Person);

        items.MapPost("/", DraftItem.Handle).RequireAuthorization(Policies.Person);
        items.MapPut("/{id:guid}/content", ReviseItem.Handle).RequireAuthorization(Policies.Person);
        items.MapPost("/{id:guid}/submission", SubmitItem.Handle).RequireAuthorization(Policies.Person);
        items.MapPost("/{id:guid}/comments", CommentOnItem.Handle).RequireAuthorization(Policies.Person);
        items.MapPost("/{id:guid}/review", StartReview.Handle).RequireAuthorization(Policies.Staff);
        items.MapPost("/{id:guid}/change-requests", RequestChanges.Handle).RequireAuthorization(Policies.Staff);
        items.MapPost("/{id:guid}/publication", PublishItem.Handle).RequireAuthorization(Policies.Staff);
        items.MapPost("/{id:guid}/archival", ArchiveItem.Handle).RequireAuthorization(Policies.Staff);
        items.MapPut("/{id:guid}/file", PublicationFiles.Attach).RequireAuthorization(Policies.Person)
            .WithMetadata(new RequestSizeLimitAttribute(PdfCheck.MaxBytes + 1)); // no Accepts<>: it would refuse another content type with a bare 415, without saying what to send
        items.MapGet("/{id:guid}/file", PublicationFiles.Download).AllowAnonymous().Produces(StatusCodes.Status200OK, contentType: PublicationFiles.PdfContentType);

        app.MapGet("/search/items", SearchItems.Handle).WithTags("Search").AllowAnonymous().ExpensiveRead();
        return app;
    }
}
