namespace Network.Platform.Http;

/// <summary>Addresses people follow from a profile, an event or a session: absolute http or https, nothing else.</summary>
public static class WebAddresses
{
    public static bool IsValid(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
        !string.IsNullOrEmpty(uri.Host) && !value.Any(char.IsWhiteSpace);

    public static string Explanation(string field) => $"'{field}' must be an absolute http or https address, e.g. https://example.org.";

    /// <summary>Adds a field error unless <paramref name="value"/> is absent or a web address.</summary>
    public static Validation WebAddress(this Validation validation, string field, string? value) =>
        value is null || IsValid(value) ? validation : validation.Add(field, Explanation(field));
}
