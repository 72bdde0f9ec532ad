using System.Security.Cryptography;
using System.Text;

namespace Network.Gateway.SignIn;

/// <summary>
/// The one account the gateway signs in by itself: the staff member the AppHost configures, for
/// development and scripts.
/// </summary>
public static class BootstrapStaff
{
    /// <summary>Compares both fields without short-circuiting, and the password in constant time.</summary>
    public static bool Matches(GatewayAuthOptions options, string email, string password)
    {
        var emailMatches = string.Equals(email.Trim(), options.BootstrapStaffEmail.Trim(), StringComparison.OrdinalIgnoreCase);
        // Hashing first gives equal-length inputs, so neither the length nor the content of the secret leaks.
        var passwordMatches = CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(password)),
            SHA256.HashData(Encoding.UTF8.GetBytes(options.BootstrapStaffPassword ?? "")));
        return emailMatches & passwordMatches;
    }

    /// <summary>
    /// A subject that stays the same across restarts for the same e-mail address, so the history
    /// services keep ("who did it") names one person, and shaped like the ids other people get.
    /// </summary>
    public static string SubjectFor(string email)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("network-bootstrap-staff:" + email.Trim().ToLowerInvariant()));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
