using Microsoft.AspNetCore.Identity;
using Network.Platform.Http;

namespace Network.Identity.Accounts;

/// <summary>ASP.NET Core Identity's refusals as the platform's problems: password rules are field errors, duplicates a 409.</summary>
public static class IdentityErrors
{
    public static void ThrowIfFailed(this IdentityResult result)
    {
        if (result.Succeeded) return;
        if (result.Errors.FirstOrDefault(e => e.Code is "DuplicateEmail" or "DuplicateUserName") is { } duplicate)
            throw new DomainRuleViolation("An account with this e-mail address exists already.", title: "E-mail address in use");
        throw new RequestValidationException(result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : e.Code.Contains("Email") ? "email" : "account")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
    }
}
