namespace Network.Events.NetworkEvents;

/// <summary>A text in German and English; either may be missing.</summary>
public sealed record LocalizedText(string? De, string? En);
