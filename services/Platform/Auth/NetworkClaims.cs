namespace Network.Platform.Auth;

/// <summary>Roles a caller can hold, as the Identity service puts them into tokens. Anonymous callers hold none.</summary>
public static class Roles
{
    public const string Staff = "staff";
    /// <summary>A person with an account (acting for the organisations in their <c>org</c> claims).</summary>
    public const string Member = "member";
    /// <summary>A person acting for an organisation that coordinates a local network.</summary>
    public const string Coordinator = "coordinator";
    /// <summary>A partner system signed in with client credentials (not a person).</summary>
    public const string Partner = "partner";

    public static readonly IReadOnlyList<string> People = [Staff, Member, Coordinator];
}

/// <summary>The claim names every service reads from a Network access token.</summary>
public static class NetworkClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    /// <summary>The organisation a person acts for (may repeat).</summary>
    public const string Organisation = "org";
}

/// <summary>
/// The API scopes: one per service, each granting the audience of that service (a token for the Events service
/// is refused by the Directory). The service's name is both.
/// </summary>
public static class ApiScopes
{
    public const string Directory = "directory";
    public const string Forum = "forum";
    public const string Events = "events";
    public const string Knowledge = "knowledge";
    public const string Identity = "identity";
    /// <summary>The partner-delivery service: a partner's webhook subscriptions and its replay of public events.</summary>
    public const string Partners = "partners";

    public static readonly IReadOnlyList<string> All = [Directory, Forum, Events, Knowledge, Identity, Partners];
}
