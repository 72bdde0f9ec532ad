using System.Text.Json.Serialization;
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

    /// <summary>The long description, language-tagged (optional; <see cref="ShortDescription"/> is the required teaser).</summary>
    public LocalizedText Description { get; init; } = LocalizedText.Empty;
    public PostalAddress? Address { get; init; }
    public string? Website { get; init; }
    /// <summary>Countries of origin / partner countries, ISO 3166-1 alpha-2, upper case.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];
    /// <summary>Keys of the theme vocabulary, kebab-case.</summary>
    public IReadOnlyList<string> Themes { get; init; } = [];
    /// <summary>ISO 639-1, lower case.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];
    /// <summary>Sustainable Development Goals 1..17.</summary>
    public IReadOnlyList<int> Sdgs { get; init; } = [];
    public string? ContactEmail { get; init; }
    public Visibility Visibility { get; init; } = Visibility.Public;
    public string? RejectionReason { get; init; }
    public bool IsArchived { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
    /// <summary>An out-of-sight actor recorded by staff, not yet claimed by anybody acting for it.</summary>
    public bool IsShadow { get; init; }

    /// <summary>Shown to everybody: verified, not archived, and meant to be public.</summary>
    public bool IsPublic => Verification == VerificationState.Verified && !IsArchived && Visibility == Visibility.Public;

    /// <summary>
    /// Name and municipality as duplicates are recognised (case-insensitive, trimmed, inner white space collapsed);
    /// null once archived, so an archived organisation no longer blocks its name. A unique index makes it race-safe.
    /// </summary>
    public string? NameKey => IsArchived ? null : OrganisationNames.Key(Name, MunicipalityAgs);

    [JsonIgnore]
    public OrganisationDetails Details => new(Description, Address, Website, Countries, Themes, Languages, Sdgs, ContactEmail, Visibility);

    public static Organisation? When(Organisation? state, object @event) => (state, @event) switch
    {
        (_, OrganisationRegistered e) => new Organisation(
            e.OrganisationId, e.Name, e.Kind, e.MunicipalityAgs, Ags.FederalState(e.MunicipalityAgs), e.ShortDescription,
            VerificationState.Pending, e.At, null).With(e.Details ?? OrganisationDetails.Empty),
        (_, OutOfSightOrganisationRecorded e) => new Organisation(
            e.OrganisationId, e.Name, e.Kind, e.MunicipalityAgs, Ags.FederalState(e.MunicipalityAgs), e.ShortDescription,
            VerificationState.Pending, e.At, null).With(e.Details) with { IsShadow = true },
        ({ } current, OrganisationProfileUpdated e) =>
            (e.Details is null ? current : current.With(e.Details)) with { Name = e.Name, ShortDescription = e.ShortDescription, Kind = e.Kind ?? current.Kind },
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

    Organisation With(OrganisationDetails d) => this with
    {
        Description = d.Description,
        Address = d.Address,
        Website = d.Website,
        Countries = d.Countries,
        Themes = d.Themes,
        Languages = d.Languages,
        Sdgs = d.Sdgs,
        ContactEmail = d.ContactEmail,
        Visibility = d.Visibility,
    };
}
