namespace Network.Directory.Organisations;

/// <summary>A text in German and English; either may be missing.</summary>
public sealed record LocalizedText(string? De, string? En)
{
    public static readonly LocalizedText Empty = new(null, null);
}
