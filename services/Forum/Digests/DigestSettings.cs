namespace Network.Forum.Digests;

/// <summary>
/// <c>Forum:Digests</c>: how long a daily and a weekly digest's period is, how often the sweep looks for digests that are due,
/// and how long it leaves the last moments alone (notifications are written a moment after their post, by the async daemon,
/// so a digest ends <see cref="Settle"/> before the sweep and the next one takes what came late).
/// </summary>
public sealed class DigestSettings
{
    public const string Section = "Forum:Digests";

    public TimeSpan Daily { get; set; } = TimeSpan.FromDays(1);
    public TimeSpan Weekly { get; set; } = TimeSpan.FromDays(7);
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan Settle { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan PeriodOf(Following.DigestFrequency frequency) => frequency switch
    {
        Following.DigestFrequency.Daily => Daily,
        Following.DigestFrequency.Weekly => Weekly,
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "A digest that is off has no period."),
    };
}
