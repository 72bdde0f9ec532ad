namespace Network.Contracts.Forum;

// Integration events the Forum publishes about its threads. Additive changes only: a breaking change is a new type.
// Version is the thread stream's version after the change. People are not named (the Directory names them).

/// <summary>
/// Staff found that a discussion proved itself: the Knowledge service opens a draft good practice from it (or catches up by
/// replay), linking back to the thread; the thread keeps the promotion in its history.
/// </summary>
/// <param name="Summary">Staff's summary of what the discussion found, the draft's starting text.</param>
/// <param name="Language">ISO 639-1 code of the summary.</param>
/// <param name="Themes">The board's theme keys (the Directory's vocabulary).</param>
/// <param name="OrganisationIds">The organisations whose people wrote in the thread.</param>
/// <param name="MunicipalityAgs">The local network's municipality, for a thread on a network's board.</param>
/// <param name="ThreadPath">The thread's address at the gateway, e.g. <c>/api/forum/threads/{id}</c>.</param>
public sealed record ThreadPromotedToGoodPractice(
    Guid ThreadId,
    Guid BoardId,
    string Title,
    string Summary,
    string Language,
    IReadOnlyList<string> Themes,
    IReadOnlyList<Guid> OrganisationIds,
    string? MunicipalityAgs,
    Guid? LocalNetworkId,
    string ThreadPath,
    long Version,
    DateTimeOffset PromotedAt);
