using System.Data;
using System.Security.Cryptography;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Network.Knowledge.Items;
using Network.Knowledge.Items.Viewing;
using Network.Platform.Auth;
using Network.Platform.EventStore;
using Network.Platform.Http;
using Npgsql;

namespace Network.Knowledge.Files;

public static class PublicationFiles
{
    public const string PdfContentType = "application/pdf";

    /// <summary>
    /// PUT /items/{id}/file (body: the PDF, <c>Content-Type: application/pdf</c>): the publication's file, attached or
    /// replaced by its organisation or staff while the item may be revised; checked (<see cref="PdfCheck"/>), its text
    /// extracted for search, stored in the transaction of the event that tells it. Honours If-Match.
    /// </summary>
    public static async Task<Ok<ItemResponse>> Attach(Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        // Who may, and in which state, before anything about the body: a caller who may not hears 403 or 404, not 415.
        var current = await session.LoadAsync<KnowledgeItem>(id, ct) ?? throw new ResourceNotFound("Item", id);
        EnsureMayAttach(http.User, current);

        var request = http.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media) || !media.MediaType.Equals(PdfContentType, StringComparison.OrdinalIgnoreCase))
            throw new DomainRuleViolation("Send the file as the body with Content-Type: application/pdf.", StatusCodes.Status415UnsupportedMediaType, "Unsupported media type");
        if (request.ContentLength > PdfCheck.MaxBytes) throw TooLarge();
        var bytes = await ReadBounded(request.Body, ct);
        var pdf = PdfCheck.Check(bytes);
        var file = new PublicationFile(FileName(request.Headers[HeaderNames.ContentDisposition]), bytes.Length, pdf.Pages,
            Convert.ToHexStringLower(SHA256.HashData(bytes.Span)));

        var decision = await session.DecisionAsync<KnowledgeItem>(id, request.ExpectedVersion(), item =>
        {
            EnsureMayAttach(http.User, item);
            session.QueueSqlCommand(
                $"insert into {PublicationFileStore.QualifiedTable(session.DocumentStore.Options.DatabaseSchemaName)} (item_id, sha256, content) values (?, ?, ?) " +
                "on conflict (item_id) do update set sha256 = excluded.sha256, content = excluded.content",
                id, file.Sha256, bytes.ToArray());
            session.Store(new PublicationText { Id = id, Text = pdf.Text });
            var by = http.User.Actor();
            return [new PublicationFileAttached(id, file, by.Id, by.Name, clock.GetUtcNow())];
        }, ct, "Item");
        return ItemResponse.Respond(decision, http);
    }

    static void EnsureMayAttach(System.Security.Claims.ClaimsPrincipal user, KnowledgeItem item)
    {
        ItemRules.EnsureOwnerOrStaff(user, item, "attach a file to");
        if (item.Type != ItemType.Publication)
            throw new DomainRuleViolation("Only a publication has a file.", StatusCodes.Status409Conflict, "Not a publication");
        if (user.IsStaff()) ItemRules.EnsureStatus(item, "given a file", ItemStatus.Draft, ItemStatus.ChangesRequested, ItemStatus.Submitted, ItemStatus.InReview);
        else ItemRules.EnsureStatus(item, "given a file", ItemStatus.Draft, ItemStatus.ChangesRequested);
    }

    static DomainRuleViolation TooLarge() =>
        new($"A publication's PDF may have {PdfCheck.MaxBytes:N0} bytes.", StatusCodes.Status413PayloadTooLarge, "File too large");

    /// <summary>GET /items/{id}/file: the PDF, streamed from the database, for whoever may see the item; ETag = its SHA-256.</summary>
    public static async Task<IResult> Download(Guid id, HttpContext http, IQuerySession session, IDocumentStore store, CancellationToken ct)
    {
        var item = await ItemResponse.Visible(id, http.User, session, ct);
        if (item.File is not { } file) throw new ResourceNotFound("File of item", id);
        var etag = $"\"{file.Sha256}\"";
        if (http.Request.Headers.IfNoneMatch.Contains(etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return new StreamedFile(store, id, file, etag);
    }

    /// <summary>The file's bytes go from PostgreSQL's reader to the response in chunks (never the whole file in memory).</summary>
    sealed class StreamedFile(IDocumentStore store, Guid id, PublicationFile file, string etag) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var ct = http.RequestAborted;
            await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"select content from {PublicationFileStore.QualifiedTable(store.Options.DatabaseSchemaName)} where item_id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            if (!await reader.ReadAsync(ct)) { http.Response.StatusCode = StatusCodes.Status404NotFound; return; }
            http.Response.ContentType = PdfContentType;
            http.Response.ContentLength = file.Length;
            http.Response.Headers[HeaderNames.ETag] = etag;
            DownloadNames.Announce(http.Response, file.FileName);
            await using var content = reader.GetStream(0);
            await content.CopyToAsync(http.Response.Body, 64 * 1024, ct);
        }
    }

    /// <summary>The body, refusing at the first byte past the limit (a client that sent no Content-Length cannot get around it).</summary>
    static async Task<ReadOnlyMemory<byte>> ReadBounded(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > PdfCheck.MaxBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>The name the client gave (Content-Disposition: attachment; filename="..."), made safe; "publication.pdf" otherwise.</summary>
    static string FileName(string? disposition)
    {
        var given = ContentDispositionHeaderValue.TryParse(disposition, out var parsed)
            ? (parsed.FileNameStar.HasValue ? parsed.FileNameStar.Value : parsed.FileName.Value?.Trim('"'))
            : null;
        var stem = DownloadNames.Slug(Path.GetFileNameWithoutExtension(given ?? ""), "publication");
        return $"{stem}.pdf";
    }
}
