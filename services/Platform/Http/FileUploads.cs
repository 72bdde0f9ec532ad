using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Network.Platform.Http;

/// <summary>
/// The one kind of request allowed a body larger than <see cref="Hosting.NetworkService.MaxRequestBodyBytes"/>: a
/// publication's PDF (<c>PUT /api/knowledge/items/{id}/file</c>), up to <see cref="MaxBytes"/>. The gateway raises its
/// limit for that route only (every other body stays at 1 MiB); the Knowledge service's endpoint carries the same limit.
/// </summary>
public static partial class FileUploads
{
    public const long MaxBytes = 20 * 1024 * 1024;

    [GeneratedRegex("^/api/knowledge/items/[0-9a-fA-F-]{36}/file$")]
    private static partial Regex PublicationFile();

    public static bool IsFileUpload(HttpRequest request) => HttpMethods.IsPut(request.Method) && PublicationFile().IsMatch(request.Path.Value ?? "");

    /// <summary>For the gateway: lets a file upload's body be as large as a file may be (a byte more, so the service says 413 with its reason).</summary>
    public static void AllowFileUploads(HttpContext context)
    {
        if (IsFileUpload(context.Request) && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBytes + 1;
    }
}
