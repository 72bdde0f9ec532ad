using Network.Directory.Municipalities;

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

public enum VerificationState { Pending, Verified }

// Domain events of the organisation stream: small, past tense, carrying who and when.
public sealed record OrganisationRegistered(
    Guid OrganisationId, string Name, OrganisationKind Kind, string MunicipalityAgs, string ShortDescription,
    string By, DateTimeOffset At);

public sealed record OrganisationProfileUpdated(
    Guid OrganisationId, string Name, string ShortDescription, string By, DateTimeOffset At);

public sealed record OrganisationVerified(Guid OrganisationId, string By, DateTimeOffset At);

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
    DateTimeOffset? VerifiedAt)
{
    /// <summary>The stream version (set by Marten): the ETag.</summary>
    public long Version { get; set; }

    public bool IsPublic => Verification == VerificationState.Verified;

    public static Organisation Create(OrganisationRegistered e) => new(
        e.OrganisationId, e.Name, e.Kind, e.MunicipalityAgs, Ags.FederalState(e.MunicipalityAgs), e.ShortDescription,
        VerificationState.Pending, e.At, null);

    public Organisation Apply(OrganisationProfileUpdated e) => this with { Name = e.Name, ShortDescription = e.ShortDescription };

    public Organisation Apply(OrganisationVerified e) => this with { Verification = VerificationState.Verified, VerifiedAt = e.At };
}
