namespace Network.Partners.Delivery;

/// <summary>
/// When a failed delivery is tried again: exponential backoff from <see cref="DeliveryOptions.FirstRetryDelay"/>, doubling
/// per attempt up to <see cref="DeliveryOptions.MaxRetryDelay"/>, each wait drawn between half and all of it ("equal
/// jitter", so receivers coming back are not hit by every sender at once); a receiver's <c>Retry-After</c> (429, 503)
/// is honoured when it asks for longer, up to <see cref="DeliveryOptions.MaxRetryAfter"/>.
/// </summary>
public static class RetrySchedule
{
    public static TimeSpan Delay(int failedAttempts, TimeSpan? retryAfter, DeliveryOptions options, Random random)
    {
        var exponent = Math.Min(Math.Max(failedAttempts - 1, 0), 30);
        var ceiling = Math.Min(options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, exponent), options.MaxRetryDelay.TotalMilliseconds);
        var backoff = TimeSpan.FromMilliseconds(ceiling / 2 + random.NextDouble() * ceiling / 2);
        if (retryAfter is { } asked)
        {
            var honoured = asked < options.MaxRetryAfter ? asked : options.MaxRetryAfter;
            if (honoured > backoff) return honoured;
        }
        return backoff;
    }
}
