using Network.Identity.Accounts.Activating;
using Network.Identity.Accounts.ChangingRoles;
using Network.Identity.Accounts.Inviting;
using Network.Identity.Accounts.ResettingPassword;
using Network.Identity.Accounts.TwoFactor;
using Network.Identity.Accounts.Viewing;
using Network.Identity.SignIn;
using Network.Platform.Auth;

namespace Network.Identity.Accounts;

public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var invitations = app.MapGroup("/invitations").WithTags("Accounts");
        invitations.MapPost("/", InviteAccount.Handle).RequireAuthorization(Policies.Staff);
        invitations.MapPost("/activation", ActivateAccount.Handle).AllowAnonymous().RequireRateLimiting(ProviderSetup.SignInRateLimit);

        var resets = app.MapGroup("/password-resets").WithTags("Accounts").AllowAnonymous().RequireRateLimiting(ProviderSetup.SignInRateLimit);
        resets.MapPost("/", ResetPassword.Request);
        resets.MapPost("/completion", ResetPassword.Complete);

        var authenticator = app.MapGroup("/authenticator").WithTags("Accounts").AllowAnonymous().RequireRateLimiting(ProviderSetup.SignInRateLimit);
        authenticator.MapPost("/", EnrolAuthenticator.Start);
        authenticator.MapPost("/confirmation", EnrolAuthenticator.Confirm);

        var accounts = app.MapGroup("/accounts").WithTags("Accounts");
        accounts.MapGet("/", ListAccounts.Handle).RequireAuthorization(Policies.Staff);
        accounts.MapGet("/{id:guid}", ListAccounts.HandleOne).RequireAuthorization(Policies.Person);
        accounts.MapPut("/{id:guid}/roles", ChangeRoles.Handle).RequireAuthorization(Policies.Staff);
        return app;
    }
}
