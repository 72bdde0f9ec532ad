using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Network.Identity.Accounts;
using Network.Identity.Accounts.Activating;
using Network.Identity.Accounts.ResettingPassword;
using Network.Identity.Audit;
using Network.Identity.SignIn;
using Network.Platform.Http;

namespace Network.Identity.Pages;

/// <summary>
/// The pages a person's browser sees at the gateway's address: sign in (for the code flow), set the first password
/// from an invitation link, set a new one from a reset link. The same rules as the JSON endpoints, one implementation.
/// </summary>
public static class AccountPages
{
    public sealed record SignInForm(string? Email, string? Password, string? Code, string? ReturnUrl);
    public sealed record PasswordForm(Guid? Account, string? Token, string? Password);

    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();
        pages.MapGet("/login", (string? returnUrl, HttpContext http, IAntiforgery antiforgery) => SignInPage(new(http, antiforgery), returnUrl));
        pages.MapPost("/login", SignInAsync).RequireRateLimiting(ProviderSetup.SignInRateLimit);
        pages.MapGet("/activate", (Guid? account, string? token, HttpContext http, IAntiforgery antiforgery) =>
            PasswordPage(new(http, antiforgery), "Passwort festlegen / Set your password", "/account/activate", account, token));
        pages.MapPost("/activate", ActivateAsync).RequireRateLimiting(ProviderSetup.SignInRateLimit);
        pages.MapGet("/reset-password", (Guid? account, string? token, HttpContext http, IAntiforgery antiforgery) =>
            account is null || string.IsNullOrEmpty(token)
                ? ForgotPasswordPage(new(http, antiforgery))
                : PasswordPage(new(http, antiforgery), "Neues Passwort / New password", "/account/reset-password", account, token));
        pages.MapPost("/forgot-password", ForgotPasswordAsync).RequireRateLimiting(ProviderSetup.SignInRateLimit);
        pages.MapPost("/reset-password", ResetAsync).RequireRateLimiting(ProviderSetup.SignInRateLimit);
        return app;
    }

    static IResult SignInPage(HtmlPage page, string? returnUrl, string? message = null, int status = 200, string? retryAfter = null,
        string? email = null, bool askForCode = false) =>
        HtmlPage.Render("Anmelden / Sign in",
            HtmlPage.Message(message) + page.Form("/account/login",
                HtmlPage.Field("email", "E-Mail / E-mail", "email", email, "username")
                + HtmlPage.Field("password", "Passwort / Password", "password", autocomplete: "current-password")
                + HtmlPage.Field("code", "Code aus der Authenticator-App (falls eingerichtet) / Code from your authenticator app (if set up)",
                    "text", autocomplete: "one-time-code", required: askForCode)
                + HtmlPage.Hidden("returnUrl", returnUrl),
                "Anmelden / Sign in")
            + """<p><a href="/account/reset-password">Passwort vergessen? / Forgot your password?</a></p>""",
            status, retryAfter);

    static async Task<IResult> SignInAsync([FromForm] SignInForm form, HttpContext http, IAntiforgery antiforgery,
        PasswordSignIn passwords, SignInManager<Account> signIn, TimeProvider clock, CancellationToken ct)
    {
        var page = new HtmlPage(http, antiforgery);
        if (string.IsNullOrWhiteSpace(form.Email) || string.IsNullOrEmpty(form.Password) || form.Email.Length > 320 || form.Password.Length > 1024)
            return SignInPage(page, form.ReturnUrl, "Bitte E-Mail und Passwort eingeben. / Enter your e-mail and password.", 400, email: form.Email);

        switch (await passwords.CheckAsync(form.Email, form.Password, form.Code, clientId: null, ct))
        {
            case SignInOutcome.Succeeded s:
                await signIn.SignInAsync(s.Account, isPersistent: false);
                return TypedResults.LocalRedirect(IsLocal(form.ReturnUrl) ? form.ReturnUrl! : "/account/login?signedIn=1");
            case SignInOutcome.LockedOut l:
                var seconds = Math.Max(1, (int)Math.Ceiling((l.Until - clock.GetUtcNow()).TotalSeconds));
                return SignInPage(page, form.ReturnUrl,
                    $"Zu viele Fehlversuche: bitte in {seconds} Sekunden erneut versuchen. / Too many failed attempts: try again in {seconds} seconds.",
                    429, seconds.ToString(CultureInfo.InvariantCulture), form.Email);
            case SignInOutcome.OneTimeCodeRequired:
                return SignInPage(page, form.ReturnUrl, "Bitte den Code aus Ihrer Authenticator-App eingeben. / Enter the code from your authenticator app.",
                    400, email: form.Email, askForCode: true);
            case SignInOutcome.SecondFactorEnrolmentRequired:
                return SignInPage(page, form.ReturnUrl,
                    "Mitarbeitende brauchen zuerst eine Authenticator-App. / Staff must set up an authenticator app first.", 403, email: form.Email);
            default:
                return SignInPage(page, form.ReturnUrl, "E-Mail, Passwort oder Code stimmen nicht. / The e-mail, password or code is wrong.",
                    400, email: form.Email);
        }
    }

    /// <summary>Only a path of this site: an open redirect would let a link send someone elsewhere after signing in.</summary>
    static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    static IResult PasswordPage(HtmlPage page, string title, string action, Guid? account, string? token, string? message = null,
        int status = 200) =>
        HtmlPage.Render(title,
            HtmlPage.Message(message) + page.Form(action,
                HtmlPage.Hidden("account", account?.ToString()) + HtmlPage.Hidden("token", token)
                + HtmlPage.Field("password", "Neues Passwort (mindestens 12 Zeichen) / New password (at least 12 characters)", "password",
                    autocomplete: "new-password"),
                "Speichern / Save"),
            status);

    static IResult ForgotPasswordPage(HtmlPage page, string? message = null, int status = 200) =>
        HtmlPage.Render("Passwort vergessen / Forgot your password",
            HtmlPage.Message(message, error: status != 200) + page.Form("/account/forgot-password",
                HtmlPage.Field("email", "E-Mail / E-mail", "email", autocomplete: "username"),
                "Link senden / Send the link"),
            status);

    public sealed record ForgotPasswordForm(string? Email);

    /// <summary>The same answer whether or not the address has an account (see <see cref="ResetPassword.Request"/>).</summary>
    static async Task<IResult> ForgotPasswordAsync([FromForm] ForgotPasswordForm form, HttpContext http, IAntiforgery antiforgery,
        UserManager<Account> accounts, Network.Platform.Mail.IMailSender mail, AuditLog audit,
        Microsoft.Extensions.Options.IOptions<ProviderOptions> provider, CancellationToken ct)
    {
        var page = new HtmlPage(http, antiforgery);
        try
        {
            await ResetPassword.Request(new RequestPasswordResetRequest(form.Email), accounts, mail, audit, provider, ct);
        }
        catch (RequestValidationException)
        {
            return ForgotPasswordPage(page, "Bitte eine E-Mail-Adresse eingeben. / Enter an e-mail address.", StatusCodes.Status400BadRequest);
        }
        return ForgotPasswordPage(page,
            "Wenn es ein Konto mit dieser Adresse gibt, ist ein Link unterwegs. / If an account has this address, a link is on its way.");
    }

    static async Task<IResult> ActivateAsync([FromForm] PasswordForm form, HttpContext http, IAntiforgery antiforgery,
        UserManager<Account> accounts, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
        await PasswordFormAsync(form, new HtmlPage(http, antiforgery), "Passwort festlegen / Set your password", "/account/activate",
            () => ActivateAccount.ActivateAsync(new ActivateAccountRequest(form.Account, form.Token, form.Password), accounts, audit, clock, ct));

    static async Task<IResult> ResetAsync([FromForm] PasswordForm form, HttpContext http, IAntiforgery antiforgery,
        UserManager<Account> accounts, AuditLog audit, CancellationToken ct) =>
        await PasswordFormAsync(form, new HtmlPage(http, antiforgery), "Neues Passwort / New password", "/account/reset-password",
            () => ResetPassword.CompleteAsync(new ResetPasswordRequest(form.Account, form.Token, form.Password), accounts, audit, ct));

    static async Task<IResult> PasswordFormAsync(PasswordForm form, HtmlPage page, string title, string action, Func<Task> change)
    {
        try
        {
            await change();
        }
        catch (RequestValidationException invalid)
        {
            return PasswordPage(page, title, action, form.Account, form.Token,
                string.Join(" ", invalid.Errors.SelectMany(e => e.Value)), StatusCodes.Status400BadRequest);
        }
        return HtmlPage.Render(title, HtmlPage.Message("Gespeichert. Sie können sich jetzt anmelden. / Saved. You can sign in now.", error: false)
            + """<p><a href="/account/login">Anmelden / Sign in</a></p>""");
    }
}
