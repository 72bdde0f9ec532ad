using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Network.Platform.Http;

namespace Network.Platform.Exports;

/// <summary>The files an export comes as, named by the address's extension: <c>.csv</c>, <c>.xlsx</c>, <c>.json</c>.</summary>
public enum ExportFormat { Csv, Xlsx, Json }

public static class ExportFormats
{
    public const string CsvContentType = "text/csv; charset=utf-8; header=present";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>The route value an export's address ends with (<c>registrations.{format}</c>); any other is a 404.</summary>
    public static ExportFormat Parse(string extension) => extension.ToLowerInvariant() switch
    {
        "csv" => ExportFormat.Csv,
        "xlsx" => ExportFormat.Xlsx,
        "json" => ExportFormat.Json,
        _ => throw new ResourceNotFound("Export format", extension),
    };

    public static string Extension(this ExportFormat format) => format.ToString().ToLowerInvariant();

    public static string ContentType(this ExportFormat format) => format switch
    {
        ExportFormat.Csv => CsvContentType,
        ExportFormat.Xlsx => XlsxContentType,
        _ => JsonContentType,
    };
}

public static class ExportEndpoints
{
    /// <summary>Tells the OpenAPI document the three files an export endpoint answers with.</summary>
    public static RouteHandlerBuilder ProducesExports(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces(StatusCodes.Status200OK, contentType: ExportFormats.CsvContentType,
            additionalContentTypes: [ExportFormats.XlsxContentType, ExportFormats.JsonContentType]);
}
