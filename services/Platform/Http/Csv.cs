using System.Text;

namespace Network.Platform.Http;

/// <summary>
/// RFC 4180 CSV for exports: CRLF line ends, fields quoted when they hold a comma, quote or line break. A text
/// starting with =, +, -, @, tab or CR gets a leading apostrophe, so a spreadsheet shows what people typed
/// instead of running it as a formula.
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static void AppendRow(this StringBuilder csv, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) csv.Append(',');
            csv.Append(Field(fields[i]));
        }
        csv.Append("\r\n");
    }

    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
