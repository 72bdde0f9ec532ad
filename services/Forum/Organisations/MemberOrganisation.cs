using Marten.Schema;

namespace Network.Forum.Organisations;

/// <summary>
/// The Forum's local copy of an organisation known from the Directory's integration events. Only verified, public,
/// not archived organisations take part in the forum. Messages can arrive out of order (retries, competing
/// consumers), so each field group remembers the Directory stream version it was taken from and never goes back.
/// </summary>
[UseOptimisticConcurrency]
public sealed class MemberOrganisation
{
    public Guid Id { get; set; }
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? MunicipalityAgs { get; set; }
    public string? ShortDescription { get; set; }
    /// <summary>Public, Members or Staff; null when the Directory's messages did not carry it yet (counts as Public).</summary>
    public string? Visibility { get; set; }
    public bool Verified { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    /// <summary>Archived in the Directory: for good, whatever arrives later.</summary>
    public bool Archived { get; set; }

    /// <summary>Directory version the name and description were taken from.</summary>
    public long ProfileVersion { get; set; }

    /// <summary>Directory version the verification state (verified, rejected, resubmitted) was taken from.</summary>
    public long StatusVersion { get; set; }

    /// <summary>How many times a registration was applied: the inbox keeps this at exactly one.</summary>
    public int RegistrationsApplied { get; set; }
}
