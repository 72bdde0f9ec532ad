namespace Network.Forum.Posting;

/// <summary>
/// The caller as a writer: staff, or a person with the verified organisations they act for according to the Directory's
/// events (the Forum's read models, read by <see cref="WriterReads"/>), not according to their token, so a rejected or
/// archived organisation stops its people from posting as soon as the Forum hears of it.
/// </summary>
public sealed record Poster(Participant Participant, IReadOnlyList<Guid> VerifiedOrganisations, bool Erased)
{
    public bool IsStaff => Participant.IsStaff;
}
