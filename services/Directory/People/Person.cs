using Network.Directory.People.Joining;
using Network.Platform.Aggregates;

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

/// <summary>
/// An event of a person's stream. PersonRecorded, PersonDetailsCorrected and PersonJoinedOrganisation carry
/// personal data (name, e-mail, token subject): the erasure masks exactly these (see PersonalDataMasking). The
/// others carry ids, who (By: the actor's subject) and when.
/// </summary>
public interface IPersonEvent;

public sealed record PersonRecorded(
    Guid PersonId, string? Subject, string DisplayName, string? Email, string By, DateTimeOffset At) : IPersonEvent;

/// <summary>The person's name or e-mail was corrected (by them or staff): personal data, masked on erasure.</summary>
public sealed record PersonDetailsCorrected(Guid PersonId, string DisplayName, string? Email, string By, DateTimeOffset At) : IPersonEvent;

/// <summary>Carries the display name because the Forum shows it next to the organisation (masked on erasure).</summary>
public sealed record PersonJoinedOrganisation(
    Guid PersonId, Guid OrganisationId, MembershipRole Role, string DisplayName, string By, DateTimeOffset At) : IPersonEvent;

public sealed record PersonLeftOrganisation(Guid PersonId, Guid OrganisationId, string By, DateTimeOffset At) : IPersonEvent;

public sealed record ConsentGiven(Guid PersonId, string Purpose, string WordingVersion, string By, DateTimeOffset At) : IPersonEvent;

public sealed record ConsentWithdrawn(Guid PersonId, string Purpose, string By, DateTimeOffset At) : IPersonEvent;

/// <summary>The person's name, e-mail and subject were masked in their events and the read model.</summary>
public sealed record PersonalDataErased(Guid PersonId, string By, DateTimeOffset At) : IPersonEvent;

/// <summary>Another service confirmed that it forgot the erased person (its PersonalDataErasureConfirmed arrived).</summary>
public sealed record ErasureConfirmed(Guid PersonId, string Service, DateTimeOffset ConfirmedAt, DateTimeOffset At) : IPersonEvent;

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
    DateTimeOffset? ErasedAt) : IAggregate<Person>
{
    /// <summary>What a masked name reads as (events and read model).</summary>
    public const string ErasedName = "(erased)";

    /// <summary>The stream version (set by Marten): the ETag.</summary>
    public long Version { get; set; }

    public bool IsErased => ErasedAt is not null;

    /// <summary>Open invitations of owners to act for their organisations (the person accepts or declines each).</summary>
    public IReadOnlyList<MembershipInvitation> Invitations { get; init; } = [];

    public MembershipInvitation? InvitationTo(Guid organisationId) => Invitations.FirstOrDefault(i => i.OrganisationId == organisationId);

    /// <summary>The services that confirmed the erasure, in the order their confirmations arrived.</summary>
    public IReadOnlyList<string> ErasureConfirmedBy { get; init; } = [];

    public Membership? MembershipIn(Guid organisationId) => Memberships.FirstOrDefault(m => m.OrganisationId == organisationId);

    public bool IsOwnerOf(Guid organisationId) => MembershipIn(organisationId)?.Role == MembershipRole.Owner;

    public Consent? ActiveConsent(string purpose) => Consents.LastOrDefault(c => c.Purpose == purpose && c.IsActive);

    public static Person? When(Person? state, object @event) => (state, @event) switch
    {
        (_, PersonRecorded e) => new Person(e.PersonId, e.Subject, e.DisplayName, e.Email, [], [], e.At, null),
        ({ } current, PersonDetailsCorrected e) => current with { DisplayName = e.DisplayName, Email = e.Email },
        ({ } current, PersonJoinedOrganisation e) => current with
        {
            Memberships = [.. current.Memberships, new Membership(e.OrganisationId, e.Role, e.At)],
            Invitations = current.Invitations.Where(i => i.OrganisationId != e.OrganisationId).ToList(),
        },
        ({ } current, InvitedToOrganisation e) => current with
        {
            Invitations = [.. current.Invitations, new MembershipInvitation(e.OrganisationId, e.Role, e.By, e.At)],
        },
        ({ } current, InvitationToOrganisationDeclined e) =>
            current with { Invitations = current.Invitations.Where(i => i.OrganisationId != e.OrganisationId).ToList() },
        ({ } current, PersonLeftOrganisation e) =>
            current with { Memberships = current.Memberships.Where(m => m.OrganisationId != e.OrganisationId).ToList() },
        // The history stays: a withdrawn consent keeps its record, a renewed one is a new record.
        ({ } current, ConsentGiven e) => current with
        {
            Consents =
            [
                .. current.Consents.Select(c => c.Purpose == e.Purpose && c.IsActive ? c with { RenewedAt = e.At } : c),
                new Consent(e.Purpose, e.WordingVersion, e.At, null, null),
            ],
        },
        ({ } current, ConsentWithdrawn e) => current with
        {
            Consents = current.Consents.Select(c => c.Purpose == e.Purpose && c.IsActive ? c with { WithdrawnAt = e.At } : c).ToList(),
        },
        ({ } current, PersonalDataErased e) =>
            current with { Subject = null, DisplayName = ErasedName, Email = null, ErasedAt = e.At, Invitations = [] },
        ({ } current, ErasureConfirmed e) when !current.ErasureConfirmedBy.Contains(e.Service) =>
            current with { ErasureConfirmedBy = [.. current.ErasureConfirmedBy, e.Service] },
        _ => state,
    };
}
