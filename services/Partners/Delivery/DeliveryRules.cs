using Network.Partners.Subscriptions;

namespace Network.Partners.Delivery;

/// <summary>
/// What an attempt's result does to its delivery and its subscription: accepted (2xx) delivers; 410 gives up and disables
/// the subscription; otherwise the next attempt is scheduled (<see cref="RetrySchedule"/>) unless
/// <see cref="DeliveryOptions.RetryFor"/> has passed since the first attempt (given up). A subscription failing for
/// <see cref="DeliveryOptions.DisableAfterFailingFor"/>, or <see cref="DeliveryOptions.DisableAfterConsecutiveFailures"/>
/// attempts in a row, is disabled; an accepted attempt resets both.
/// </summary>
public static class DeliveryRules
{
    /// <returns>The attempt's outcome as the log shows it: delivered, retrying, given-up, gone.</returns>
    public static string Apply(WebhookDelivery delivery, WebhookSubscription subscription, AttemptResult result, DateTimeOffset now,
        DeliveryOptions o, Random jitter)
    {
        delivery.Attempts++;
        delivery.FirstAttemptAt ??= now;
        delivery.LastAttemptAt = now;
        delivery.LastStatus = result.Status;
        delivery.LastError = result.Error;
        delivery.LeasedUntil = null;

        if (result.Accepted)
        {
            delivery.State = DeliveryState.Delivered;
            delivery.DeliveredAt = now;
            subscription.ConsecutiveFailures = 0;
            subscription.FailingSince = null;
            return "delivered";
        }

        subscription.ConsecutiveFailures++;
        subscription.FailingSince ??= now;
        string outcome;
        if (result.Gone)
        {
            delivery.State = DeliveryState.Failed;
            Disable(subscription, "The receiver answered 410 Gone: it does not want these webhooks any more.", now);
            outcome = "gone";
        }
        else if (now - delivery.FirstAttemptAt >= o.RetryFor)
        {
            delivery.State = DeliveryState.Failed;
            delivery.LastError = $"{result.Error} Given up: not accepted within {o.RetryFor.TotalHours:0.#} h of the first attempt.";
            outcome = "given-up";
        }
        else
        {
            delivery.NextAttemptAt = now + RetrySchedule.Delay(delivery.Attempts, result.RetryAfter, o, jitter);
            outcome = "retrying";
        }

        if (subscription.Status != SubscriptionStatus.Disabled)
        {
            if (now - subscription.FailingSince >= o.DisableAfterFailingFor)
                Disable(subscription, $"Every attempt failed for {(now - subscription.FailingSince.Value).TotalHours:0.#} h (last: {result.Error})", now);
            else if (subscription.ConsecutiveFailures >= o.DisableAfterConsecutiveFailures)
                Disable(subscription, $"{subscription.ConsecutiveFailures} attempts in a row failed (last: {result.Error})", now);
        }
        return outcome;
    }

    static void Disable(WebhookSubscription subscription, string reason, DateTimeOffset now)
    {
        if (subscription.Status == SubscriptionStatus.Disabled) return;
        subscription.Status = SubscriptionStatus.Disabled;
        subscription.DisabledReason = reason;
        subscription.DisabledAt = now;
    }
}
