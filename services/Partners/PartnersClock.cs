namespace Network.Partners;

/// <summary>
/// The clock of partner delivery (due times, backoff, give-up, secret overlaps, webhook timestamps): a
/// <see cref="TimeProvider"/> registered under this key, by default the service's own. Keyed so a test can move this
/// clock alone, hours ahead, while sign-in and the platform keep real time.
/// </summary>
public static class PartnersClock
{
    public const string Key = "partners";
}
