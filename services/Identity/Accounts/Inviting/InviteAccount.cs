using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Network.Identity.Accounts.Viewing;
using Network.Identity.Audit;
using Network.Identity.People;
using Network.Identity.SignIn;
using Network.Platform.Auth;
using Network.Platform.Http;
using Network.Platform.Mail;

namespace Network.Identity.Accounts.Inviting;

/// <param name="PersonId">The person as recorded in the Directory.</param>
/// <param name="Email">Where the invitation goes; it becomes the person's sign-in name.</param>
/// <param name="Roles">Roles staff give beyond the ones the Directory implies: <c>staff</c>, or none.</param>
public sealed record InviteAccountRequest(Guid? PersonId, string? Email, IReadOnlyList<string>? Roles);

public static class InviteAccount
{

    public static (Guid PersonId, string Email, bool Staff) Validate(InviteAccountRequest request)
    {
        var email = request.Email?.Trim();
        var v = new Validation()
            .Required("email", email, Validation.MaxEmailLength)
            .Email("email", email);
        if (request.PersonId is null || request.PersonId == Guid.Empty)
            v.Add("personId", "'personId' is required: the person as recorded in the Directory.");
        foreach (var role in (request.Roles ?? []).Where(r => r != Network.Platform.Auth.Roles.Staff))
            v.Add("roles", $"'{role}' cannot be given: only '{Network.Platform.Auth.Roles.Staff}' can; member and coordinator follow from the Directory.");
        v.ThrowIfInvalid();
        return (request.PersonId!.Value, email!, request.Roles?.Contains(Network.Platform.Auth.Roles.Staff) == true);
    }

    /// <summary>
    /// POST /invitations: staff only. Makes the person's account (its id is the person id) without a password and mails a
    /// one-time link to set one. Inviting again before it was used sends a fresh link (the old one stops working).
    /// </summary>
    public static async Task<Created<AccountResponse>> Handle(InviteAccountRequest request, HttpContext http,
        UserManager<Account> accounts, IQuerySession people, IMailSender mail, AuditLog audit, IOptions<ProviderOptions> provider,
        TimeProvider clock, CancellationToken ct)
    {
        var (personId, email, staff) = Validate(request);
        var person = await people.LoadAsync<KnownPerson>(personId, ct);
        if (person is null || person.Erased || person.DisplayName is null)
            throw new ResourceNotFound("Person", personId);

        var account = await accounts.FindByPersonAsync(personId, ct);
        if (account is { ActivatedAt: not null }) throw new DomainRuleViolation("This person has an account already.", title: "Account exists");
        if (account is { ClosedAt: not null }) throw new DomainRuleViolation("This person's account was closed.", title: "Account closed");

        if (account is null)
        {
            account = new Account
            {
                Id = personId, PersonId = personId, UserName = email, Email = email, DisplayName = person.DisplayName,
                CreatedAt = clock.GetUtcNow(), LockoutEnabled = true,
            };
            (await accounts.CreateAsync(account)).ThrowIfFailed();
        }
        else
        {
            (await accounts.SetEmailAsync(account, email)).ThrowIfFailed();
            (await accounts.SetUserNameAsync(account, email)).ThrowIfFailed();
            await accounts.UpdateSecurityStampAsync(account); // the earlier link stops working
        }
        if (staff && !await accounts.IsInRoleAsync(account, Network.Platform.Auth.Roles.Staff))
            (await accounts.AddToRoleAsync(account, Network.Platform.Auth.Roles.Staff)).ThrowIfFailed();

        var token = await accounts.GenerateUserTokenAsync(account, AccountTokens.Invitation, AccountTokens.ActivatePurpose);
        var link = provider.Value.PublicUrl($"account/activate?account={account.Id}&token={Uri.EscapeDataString(token)}");
        await mail.SendAsync(AccountMails.Invitation(account, link, provider.Value.InvitationLifetime), ct);
        await audit.RecordAsync(AuditKind.AccountInvited, account.Id.ToString(), http.User.Actor().Id,
            staff ? "Invited as staff." : null, ct: ct);

        return TypedResults.Created($"/accounts/{account.Id}", await AccountResponse.FromAsync(account, accounts, clock));
    }
}
