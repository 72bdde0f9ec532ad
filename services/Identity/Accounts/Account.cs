using Microsoft.AspNetCore.Identity;

namespace Network.Identity.Accounts;

/// <summary>
/// Someone who can sign in: a person from the Directory (their account's id is their person id, so it is also the
/// <c>sub</c> of their tokens and the Directory knows whose token it is) or a staff account of its own (the
/// bootstrap staff). ASP.NET Core Identity keeps the password hash, lockout, security stamp and authenticator key.
/// </summary>
public sealed class Account : IdentityUser<Guid>
{
    /// <summary>The name others see (from the Directory for people); shown in tokens as <c>name</c>.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The Directory person this account signs in; null for accounts that are not a Directory person.</summary>
    public Guid? PersonId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the person set their password from the invitation; null while the invitation is open.</summary>
    public DateTimeOffset? ActivatedAt { get; set; }

    /// <summary>When the account was closed (the person was erased): it never signs in again.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    public bool IsActive => ActivatedAt is not null && ClosedAt is null;
}
