namespace Network.Platform.Text;

/// <summary>A text in German and English; either may be missing (every service's bilingual texts).</summary>
public sealed record LocalizedText(string? De, string? En)
{
    public static readonly LocalizedText Empty = new(null, null);

    /// <summary>The text with both languages trimmed, an empty one as missing.</summary>
    public LocalizedText Trimmed() => new(De?.Trim() is { Length: > 0 } de ? de : null, En?.Trim() is { Length: > 0 } en ? en : null);

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => string.IsNullOrWhiteSpace(De) && string.IsNullOrWhiteSpace(En);
}
