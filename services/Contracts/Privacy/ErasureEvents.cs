namespace Network.Contracts.Privacy;

// The answer of every service that keeps personal data of a Directory person to the Directory's PersonErased: this
// service has forgotten the person's name and e-mail (events, documents and read models, in the transaction that
// recorded the PersonErased message as handled). The Directory collects the answers and shows them on the person.
// Additive changes only.

/// <param name="Service">The service that confirms: <c>events</c>, <c>forum</c> or <c>identity</c>.</param>
public sealed record PersonalDataErasureConfirmed(
    Guid PersonId,
    string Service,
    DateTimeOffset ConfirmedAt);
