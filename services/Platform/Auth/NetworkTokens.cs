using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Network.Platform.Auth;

/// <summary>Roles a caller can hold. Anonymous callers hold none.</summary>
public static class Roles
{
    public const string Staff = "staff";
    public const string Member = "member";
}

/// <summary>The claim names every service reads from a Network token.</summary>
public static class NetworkClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    /// <summary>The organisation a member acts for (may repeat).</summary>
    public const string Organisation = "org";
}

/// <summary>
/// Issues and describes the HS256 bearer tokens the services accept. The signing key comes from the
/// AppHost (the <c>auth-signing-key</c> parameter, configuration key <c>Auth:SigningKey</c>).
/// </summary>
public static class NetworkTokens
{
    public const string Issuer = "network-gateway";
    public const string Audience = "network-services";
    public const string SigningKeyConfigKey = "Auth:SigningKey";
    public const int MinimumKeyLength = 32;

    public static SymmetricSecurityKey KeyFrom(string signingKey)
    {
        if (string.IsNullOrWhiteSpace(signingKey) || signingKey.Length < MinimumKeyLength)
            throw new InvalidOperationException(
                $"{SigningKeyConfigKey} must be set to a secret of at least {MinimumKeyLength} characters (the AppHost passes its auth-signing-key parameter).");
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey));
    }

    public static TokenValidationParameters ValidationParameters(string signingKey) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = KeyFrom(signingKey),
        ValidateIssuerSigningKey = true,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = NetworkClaims.Name,
        RoleClaimType = NetworkClaims.Role,
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    public static string Create(
        string signingKey,
        string subject,
        string name,
        IEnumerable<string> roles,
        IEnumerable<Guid>? organisations = null,
        TimeSpan? lifetime = null,
        TimeProvider? clock = null)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(NetworkClaims.Subject, subject),
            new(NetworkClaims.Name, name),
        };
        claims.AddRange(roles.Select(r => new Claim(NetworkClaims.Role, r)));
        claims.AddRange((organisations ?? []).Select(o => new Claim(NetworkClaims.Organisation, o.ToString())));

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(KeyFrom(signingKey), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
