using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Network.Tests.Hosting;

namespace Network.Tests.Partners;

/// <summary>
/// The Partners service's clock in a test: real time plus an offset the test moves forward (<see cref="Skip"/>), so retries
/// hours apart run in seconds while the clock keeps running (a ticker follows real time). Receivers check a webhook's
/// timestamp against their own real clock (StandardWebhooks allows 5 minutes either way), so a test that skips far
/// starts behind real time (<paramref name="offset"/> negative) and skips back to it (<see cref="CatchUp"/>).
/// </summary>
public sealed class TestClock : IAsyncDisposable
{
    readonly FakeTimeProvider fake;
    readonly CancellationTokenSource stop = new();
    readonly Task ticker;
    readonly Lock gate = new();
    TimeSpan offset;

    public TestClock(TimeSpan offset = default)
    {
        this.offset = offset;
        fake = new FakeTimeProvider(DateTimeOffset.UtcNow + offset);
        ticker = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Follow();
                try { await Task.Delay(50, stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public TimeProvider Provider => fake;
    public DateTimeOffset Now => fake.GetUtcNow();

    /// <summary>The service's clock jumps ahead by <paramref name="by"/> (and keeps running).</summary>
    public void Skip(TimeSpan by)
    {
        lock (gate) offset += by;
        Follow();
    }

    /// <summary>A clock that runs behind real time jumps to it.</summary>
    public void CatchUp()
    {
        lock (gate) if (offset < TimeSpan.Zero) offset = TimeSpan.Zero;
        Follow();
    }

    void Follow()
    {
        lock (gate)
        {
            var target = DateTimeOffset.UtcNow + offset;
            if (target > fake.GetUtcNow()) fake.SetUtcNow(target);
        }
    }

    /// <summary>The Partners service's setup with this clock (and more settings).</summary>
    public PartnersUnderTest Setup(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) => new()
    {
        Settings = settings ?? new Dictionary<string, string?>(),
        Services = s =>
        {
            s.AddKeyedSingleton(Network.Partners.PartnersClock.Key, Provider);
            services?.Invoke(s);
        },
    };

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await ticker;
    }
}
