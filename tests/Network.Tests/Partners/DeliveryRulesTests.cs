using Network.Partners.Delivery;
using Network.Partners.Subscriptions;
using Xunit;

namespace Network.Tests.Partners;

/// <summary>The retry schedule and what an attempt's result does, with the numbers docs/partners.md gives.</summary>
public class DeliveryRulesTests
{
    static readonly DeliveryOptions Defaults = new();
    static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    static AttemptResult Failed(int status = 503) => new(false, status, TimeSpan.FromMilliseconds(3), $"The receiver answered {status}");

    [Theory]
    [InlineData(1, 5, 10)]
    [InlineData(2, 10, 20)]
    [InlineData(5, 80, 160)]
    [InlineData(12, 10_240, 20_480)]        // 10 s x 2^11 = 5.7 h, just under the cap
    [InlineData(13, 3 * 3600, 6 * 3600)]   // 10 s x 2^12 is past 6 h: capped
    [InlineData(40, 3 * 3600, 6 * 3600)]
    public void The_wait_after_a_failed_attempt_doubles_from_10_s_up_to_6_h_with_jitter(int failedAttempts, int atLeastSeconds, int atMostSeconds)
    {
        var random = new Random(failedAttempts);
        var waits = Enumerable.Range(0, 200).Select(_ => RetrySchedule.Delay(failedAttempts, null, Defaults, random)).ToList();
        Assert.All(waits, w => Assert.InRange(w.TotalSeconds, atLeastSeconds, atMostSeconds));
        Assert.True(waits.Distinct().Count() > 100, "the waits are jittered");
    }

    [Fact]
    public void Retry_After_is_honoured_when_it_asks_for_longer_up_to_6_h()
    {
        var random = new Random(1);
        Assert.Equal(TimeSpan.FromMinutes(30), RetrySchedule.Delay(1, TimeSpan.FromMinutes(30), Defaults, random));
        Assert.Equal(TimeSpan.FromHours(6), RetrySchedule.Delay(1, TimeSpan.FromDays(1), Defaults, random));
        Assert.InRange(RetrySchedule.Delay(3, TimeSpan.FromSeconds(1), Defaults, random).TotalSeconds, 20, 40); // shorter: the backoff wins
    }

    [Fact]
    public void A_receiver_failing_every_attempt_gets_retries_for_3_days_then_the_delivery_is_given_up_and_the_subscription_disabled()
    {
        var subscription = new WebhookSubscription { Id = Guid.NewGuid(), Status = SubscriptionStatus.Active };
        var delivery = new WebhookDelivery { Id = Guid.NewGuid(), SubscriptionId = subscription.Id, NextAttemptAt = Start };
        var random = new Random(7);
        var outcomes = new List<string>();
        var now = Start;
        while (delivery.State == DeliveryState.Pending)
        {
            now = delivery.NextAttemptAt;
            outcomes.Add(DeliveryRules.Apply(delivery, subscription, Failed(), now, Defaults, random));
            Assert.True(outcomes.Count < 100, "retries never end");
        }

        Assert.Equal("given-up", outcomes[^1]);
        Assert.All(outcomes[..^1], o => Assert.Equal("retrying", o));
        Assert.InRange(now - Start, TimeSpan.FromDays(3), TimeSpan.FromDays(3) + TimeSpan.FromHours(6));
        Assert.Equal(DeliveryState.Failed, delivery.State);
        Assert.Contains("Given up", delivery.LastError);
        Assert.Equal(SubscriptionStatus.Disabled, subscription.Status);
        Assert.StartsWith("Every attempt failed for 7", subscription.DisabledReason); // 72 h or a little more
        Assert.Equal(outcomes.Count, delivery.Attempts);
    }

    [Fact]
    public void A_410_gives_the_delivery_up_at_once_and_disables_the_subscription()
    {
        var subscription = new WebhookSubscription { Id = Guid.NewGuid(), Status = SubscriptionStatus.Active };
        var delivery = new WebhookDelivery { Id = Guid.NewGuid(), SubscriptionId = subscription.Id, NextAttemptAt = Start };

        Assert.Equal("gone", DeliveryRules.Apply(delivery, subscription, Failed(410), Start, Defaults, new Random(1)));
        Assert.Equal(DeliveryState.Failed, delivery.State);
        Assert.Equal(SubscriptionStatus.Disabled, subscription.Status);
        Assert.Equal(Start, subscription.DisabledAt);
    }

    [Fact]
    public void An_accepted_attempt_after_failures_delivers_and_the_subscription_is_healthy_again()
    {
        var subscription = new WebhookSubscription { Id = Guid.NewGuid(), Status = SubscriptionStatus.Active };
        var delivery = new WebhookDelivery { Id = Guid.NewGuid(), SubscriptionId = subscription.Id, NextAttemptAt = Start };
        var random = new Random(3);
        DeliveryRules.Apply(delivery, subscription, Failed(), Start, Defaults, random);
        DeliveryRules.Apply(delivery, subscription, Failed(), Start.AddSeconds(10), Defaults, random);
        Assert.Equal(2, subscription.ConsecutiveFailures);

        Assert.Equal("delivered", DeliveryRules.Apply(delivery, subscription, new AttemptResult(true, 200, TimeSpan.FromMilliseconds(2), null),
            Start.AddSeconds(30), Defaults, random));
        Assert.Equal(DeliveryState.Delivered, delivery.State);
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal(0, subscription.ConsecutiveFailures);
        Assert.Null(subscription.FailingSince);
    }

    [Fact]
    public void Ten_thousand_failed_attempts_in_a_row_disable_a_subscription_before_3_days()
    {
        var subscription = new WebhookSubscription { Id = Guid.NewGuid(), Status = SubscriptionStatus.Active };
        var random = new Random(5);
        for (var i = 0; i < 9_999; i++)
            DeliveryRules.Apply(new WebhookDelivery { SubscriptionId = subscription.Id }, subscription, Failed(), Start.AddSeconds(i), Defaults, random);
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        DeliveryRules.Apply(new WebhookDelivery { SubscriptionId = subscription.Id }, subscription, Failed(), Start.AddSeconds(9_999), Defaults, random);
        Assert.Equal(SubscriptionStatus.Disabled, subscription.Status);
        Assert.StartsWith("10000 attempts in a row failed", subscription.DisabledReason);
    }
}
