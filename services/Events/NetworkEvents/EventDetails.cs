using Network.Platform.Text;
namespace Network.Events.NetworkEvents;

/// <summary>The details staff set when creating an event (start and end carry their offset, Europe/Berlin).</summary>
public sealed record EventDetails(
    EventKind Kind,
    LocalizedText Title,
    LocalizedText Description,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? MunicipalityAgs,
    string? Venue,
    string? OnlineLink,
    Guid OrganiserId,
    IReadOnlyList<string> Languages,
    int Capacity,
    DateTimeOffset RegistrationOpens,
    DateTimeOffset RegistrationCloses,
    string? AccessibilityNotes,
    Guid? LocalNetworkId)
{
    /// <summary>The themes of the Directory's vocabulary the event is about (what the Knowledge service compares good practice with).</summary>
    public IReadOnlyList<string> Themes { get; init; } = [];
}
