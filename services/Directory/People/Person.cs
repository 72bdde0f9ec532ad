namespace Network.Directory.People;

public enum MembershipRole { Owner, Member }

/// <summary>A person acts for an organisation in a role, since a moment.</summary>
public sealed record Membership(Guid OrganisationId, MembershipRole Role, DateTimeOffset Since);

/// <summary>One consent as given: for which purpose, to which wording version, when; and when it ended.</summary>
/// <param name="RenewedAt">when the person consented again to a newer wording (which became a record of its own).</param>
public sealed record Consent(
    string Purpose, string WordingVersion, DateTimeOffset GivenAt, DateTimeOffset? WithdrawnAt, DateTimeOffset? RenewedAt)
{
    public bool IsActive => WithdrawnAt is null && RenewedAt is null;
}

// Domain events of the person stream. PersonRecorded, PersonDetailsCorrected and PersonJoinedOrganisation carry
// personal data (name, e-mail, token subject): the erasure masks exactly these (see PersonalDataMasking). The
// others carry ids, who (By: the actor's subject) and when.
public sealed record PersonRecorded(
    Guid PersonId, string? Subject, string DisplayName, string? Email, string By, DateTimeOffset At);

/// <summary>The person's name or e-mail was corrected (by them or staff): personal data, masked on erasure.</summary>
public sealed record PersonDetailsCorrected(Guid PersonId, string DisplayName, string? Email, string By, DateTimeOffset At);

/// <summary>Carries the display name because the Forum shows it next to the organisation (masked on erasure).</summary>
public sealed record PersonJoinedOrganisation(
    Guid PersonId, Guid OrganisationId, MembershipRole Role, string DisplayName, string By, DateTimeOffset At);

public sealed record PersonLeftOrganisation(Guid PersonId, Guid OrganisationId, string By, DateTimeOffset At);

public sealed record ConsentGiven(Guid PersonId, string Purpose, string WordingVersion, string By, DateTimeOffset At);

public sealed record ConsentWithdrawn(Guid PersonId, string Purpose, string By, DateTimeOffset At);

/// <summary>The person's name, e-mail and subject were masked in their events and the read model.</summary>
public sealed record PersonalDataErased(Guid PersonId, string By, DateTimeOffset At);

/// <summary>
/// A person as their events built it; Marten keeps it inline as the read model. Personal data is never public:
/// only staff and the person themself read it.
/// </summary>
public sealed record Person(
    Guid Id,
    string? Subject,
    string DisplayName,
    string? Email,
    IReadOnlyList<Membership> Memberships,
    IReadOnlyList<Consent> Consents,
    DateTimeOffset RecordedAt,
    DateTimeOffset? ErasedAt)
{
    /// <summary>What a masked name reads as (events and read model).</summary>
    public const string ErasedName = "(erased)";

    /// <summary>The stream version (set by Marten): the ETag.</summary>
    public long Version { get; set; }

    public bool IsErased => ErasedAt is not null;

    public Membership? MembershipIn(Guid organisationId) => Memberships.FirstOrDefault(m => m.OrganisationId == organisationId);

    public bool IsOwnerOf(Guid organisationId) => MembershipIn(organisationId)?.Role == MembershipRole.Owner;

    public Consent? ActiveConsent(string purpose) => Consents.LastOrDefault(c => c.Purpose == purpose && c.IsActive);

    /// <summary>Folds events onto a state (null before the first event), as Marten does when it builds the snapshot.</summary>
    public static Person? Fold(Person? state, IEnumerable<object> events) => events.Aggregate(state, (current, e) => e switch
    {
        PersonRecorded r => Create(r),
        PersonDetailsCorrected c => current?.Apply(c),
        PersonJoinedOrganisation j => current?.Apply(j),
        PersonLeftOrganisation l => current?.Apply(l),
        ConsentGiven g => current?.Apply(g),
        ConsentWithdrawn w => current?.Apply(w),
        PersonalDataErased x => current?.Apply(x),
        _ => current,
    });

    public static Person Create(PersonRecorded e) =>
        new(e.PersonId, e.Subject, e.DisplayName, e.Email, [], [], e.At, null);

    public Person Apply(PersonDetailsCorrected e) => this with { DisplayName = e.DisplayName, Email = e.Email };

    public Person Apply(PersonJoinedOrganisation e) =>
        this with { Memberships = [.. Memberships, new Membership(e.OrganisationId, e.Role, e.At)] };

    public Person Apply(PersonLeftOrganisation e) =>
        this with { Memberships = Memberships.Where(m => m.OrganisationId != e.OrganisationId).ToList() };

    // The history stays: a withdrawn consent keeps its record, a renewed one is a new record.
    public Person Apply(ConsentGiven e) => this with
    {
        Consents =
        [
            .. Consents.Select(c => c.Purpose == e.Purpose && c.IsActive ? c with { RenewedAt = e.At } : c),
            new Consent(e.Purpose, e.WordingVersion, e.At, null, null),
        ],
    };

    public Person Apply(ConsentWithdrawn e) => this with
    {
        Consents = Consents.Select(c => c.Purpose == e.Purpose && c.IsActive ? c with { WithdrawnAt = e.At } : c).ToList(),
    };

    public Person Apply(PersonalDataErased e) =>
        this with { Subject = null, DisplayName = ErasedName, Email = null, ErasedAt = e.At };
}
