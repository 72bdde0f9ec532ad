using Network.Directory.Municipalities;
using Network.Platform.Aggregates;

namespace Network.Directory.Organisations;

/// <summary>
/// An organisation as its events built it. Marten keeps it inline as the read model the API serves, so a
/// write is visible to the next read at once.
/// </summary>
public sealed record Organisation(
    Guid Id,
    string Name,
    OrganisationKind Kind,
    string MunicipalityAgs,
    string FederalState,
    string ShortDescription,
    VerificationState Verification,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? VerifiedAt) : IAggregate<Organisation>
{
    /// <summary>The stream version (set by Marten): the ETag.</summary>
    public long Version { get; set; }

    /// <summary>The profile beyond name, kind, municipality and teaser, as the last event that set it left it.</summary>
    public OrganisationDetails Details { get; init; } = OrganisationDetails.Empty;
    public string? RejectionReason { get; init; }
    public bool IsArchived { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
    /// <summary>An out-of-sight actor recorded by staff, not yet claimed by anybody acting for it.</summary>
    public bool IsShadow { get; init; }

    /// <summary>Shown to everybody: verified, not archived, and meant to be public.</summary>
    public bool IsPublic => Verification == VerificationState.Verified && !IsArchived && Details.Visibility == Visibility.Public;

    /// <summary>
    /// Name and municipality as duplicates are recognised (case-insensitive, trimmed, inner white space collapsed);
    /// null once archived, so an archived organisation no longer blocks its name. A unique index makes it race-safe.
    /// </summary>
    public string? NameKey => IsArchived ? null : OrganisationNames.Key(Name, MunicipalityAgs);

    public static Organisation? When(Organisation? state, object @event) => (state, @event) switch
    {
        (_, OrganisationRegistered e) => new Organisation(
            e.OrganisationId, e.Name, e.Kind, e.MunicipalityAgs, Ags.FederalState(e.MunicipalityAgs), e.ShortDescription,
            VerificationState.Pending, e.At, null) { Details = e.Details ?? OrganisationDetails.Empty },
        (_, OutOfSightOrganisationRecorded e) => new Organisation(
            e.OrganisationId, e.Name, e.Kind, e.MunicipalityAgs, Ags.FederalState(e.MunicipalityAgs), e.ShortDescription,
            VerificationState.Pending, e.At, null) { Details = e.Details, IsShadow = true },
        ({ } current, OrganisationProfileUpdated e) =>
            current with { Name = e.Name, ShortDescription = e.ShortDescription, Kind = e.Kind ?? current.Kind, Details = e.Details ?? current.Details },
        ({ } current, OrganisationVerified e) =>
            current with { Verification = VerificationState.Verified, VerifiedAt = e.At, RejectionReason = null },
        ({ } current, OrganisationRejected e) =>
            current with { Verification = VerificationState.Rejected, VerifiedAt = null, RejectionReason = e.Reason },
        ({ } current, OrganisationResubmitted) => current with { Verification = VerificationState.Pending },
        ({ } current, OrganisationArchived e) => current with { IsArchived = true, ArchivedAt = e.At },
        ({ } current, OrganisationClaimed) => current with { IsShadow = false },
        // OrganisationInvitationIssued changes nothing the state shows: the invitation lives in its own document.
        _ => state,
    };
}
