using System.Text.Json.Serialization;
using Network.Directory.Municipalities;
using Network.Platform.Aggregates;

namespace Network.Directory.Organisations;

public enum OrganisationKind
{
    MunicipalIntegrationDepartment,
    MunicipalInternationalAffairsDepartment,
    OtherMunicipalOffice,
    OneWorldGroup,
    MigrantOrganisation,
    UmbrellaOrganisation,
    EducationActor,
    ReligiousActor,
    PoliticalActor,
    DevelopmentCooperationActor,
}

public enum VerificationState { Pending, Verified, Rejected }

/// <summary>Who may see an organisation: everybody (once verified), signed-in members, or staff only.</summary>
public enum Visibility { Public, Members, Staff }

/// <summary>A text in German and English; either may be missing.</summary>
public sealed record LocalizedText(string? De, string? En)
{
    public static readonly LocalizedText Empty = new(null, null);
}

public sealed record PostalAddress(string? Street, string? PostalCode, string? City);

/// <summary>
/// The profile beyond name, kind, municipality and teaser, carried whole by the events that set it (so an event
/// says what the profile became, and history can tell what changed by comparing two of them).
/// </summary>
public sealed record OrganisationDetails(
    LocalizedText Description,
    PostalAddress? Address,
    string? Website,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> Languages,
    IReadOnlyList<int> Sdgs,
    string? ContactEmail,
    Visibility Visibility)
{
    public static readonly OrganisationDetails Empty = new(LocalizedText.Empty, null, null, [], [], [], [], null, Visibility.Public);

    public bool Equals(OrganisationDetails? other) =>
        other is not null && Description == other.Description && Address == other.Address && Website == other.Website &&
        Countries.SequenceEqual(other.Countries) && Themes.SequenceEqual(other.Themes) &&
        Languages.SequenceEqual(other.Languages) && Sdgs.SequenceEqual(other.Sdgs) &&
        ContactEmail == other.ContactEmail && Visibility == other.Visibility;

    public override int GetHashCode() => HashCode.Combine(Description, Address, Website, ContactEmail, Visibility, Countries.Count, Themes.Count);
}

/// <summary>An event of an organisation's stream: small, past tense, carrying who (the actor's subject) and when.</summary>
public interface IOrganisationEvent;

public sealed record OrganisationRegistered(
    Guid OrganisationId, string Name, OrganisationKind Kind, string MunicipalityAgs, string ShortDescription,
    string By, DateTimeOffset At, OrganisationDetails? Details = null) : IOrganisationEvent;

/// <summary>Staff recorded an actor that is out of sight: a shadow profile nobody acts for yet.</summary>
public sealed record OutOfSightOrganisationRecorded(
    Guid OrganisationId, string Name, OrganisationKind Kind, string MunicipalityAgs, string ShortDescription,
    OrganisationDetails Details, string By, DateTimeOffset At) : IOrganisationEvent;

/// <summary>The profile became this (name, teaser, details and kind as they are after the change).</summary>
public sealed record OrganisationProfileUpdated(
    Guid OrganisationId, string Name, string ShortDescription, string By, DateTimeOffset At,
    OrganisationDetails? Details = null, OrganisationKind? Kind = null) : IOrganisationEvent;

public sealed record OrganisationVerified(Guid OrganisationId, string By, DateTimeOffset At) : IOrganisationEvent;

public sealed record OrganisationRejected(Guid OrganisationId, string Reason, string By, DateTimeOffset At) : IOrganisationEvent;

public sealed record OrganisationResubmitted(Guid OrganisationId, string By, DateTimeOffset At) : IOrganisationEvent;

public sealed record OrganisationArchived(Guid OrganisationId, string By, DateTimeOffset At) : IOrganisationEvent;

/// <summary>An invitation to claim a shadow profile was issued (the token itself is never stored, not even here).</summary>
public sealed record OrganisationInvitationIssued(Guid OrganisationId, Guid InvitationId, DateTimeOffset ExpiresAt, string By, DateTimeOffset At) : IOrganisationEvent;

/// <summary>The invited person claimed the shadow profile and became its owner.</summary>
public sealed record OrganisationClaimed(Guid OrganisationId, Guid InvitationId, Guid PersonId, string By, DateTimeOffset At) : IOrganisationEvent;

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

/// <summary>How organisation names are compared for duplicates within a municipality.</summary>
public static class OrganisationNames
{
    public static string Normalise(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    public static string Key(string name, string municipalityAgs) => $"{municipalityAgs}|{Normalise(name)}";
}
