namespace Network.Partners.Delivery;

/// <summary>How webhooks are delivered (section <c>Partners:Delivery</c>); the defaults are production's.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Partners:Delivery";

    /// <summary>Deliveries in flight at once, over all subscriptions (one per subscription and entity at a time).</summary>
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>The wait before the first retry; each next one doubles it (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>A delivery not accepted for this long after its first attempt is given up (its log says so).</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one waits this long.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(6);

    /// <summary>A subscription whose every attempt failed for this long is disabled.</summary>
    public TimeSpan DisableAfterFailingFor { get; set; } = TimeSpan.FromDays(3);

    /// <summary>...or after this many failed attempts in a row (over all its entities: a receiver that is down fails once per entity and retry), whichever comes first.</summary>
    public int DisableAfterConsecutiveFailures { get; set; } = 10_000;

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>From sending the request to the end of the (capped) response.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How much of a response body is read (and kept in the log, as text, up to 1,000 characters); the rest is not read.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    /// <summary>How often the deliverer looks for due deliveries when it found none (real time, not the clock it schedules by).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A delivery a replica took stays its own this long (then another replica may try it).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Loopback receivers: only for tests and local development, never in production configuration.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Plain http receivers; the service turns it on in Development and Testing, production needs https.</summary>
    public bool AllowHttp { get; set; }
}
