using System.Net.Http.Headers;

namespace PerfSuite.Affiliates.Webhooks.Dispatching;

/// <summary>What one attempt returned: a status code (or an error before there was one), latency and a response excerpt.</summary>
public sealed record AttemptResult(int? StatusCode, long LatencyMs, string? Error, string? ResponseExcerpt, RetryConditionHeaderValue? RetryAfter)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>Pure rules for what an attempt does to a delivery and its endpoint.</summary>
public static class DeliveryOutcome
{
    public static (Delivery Delivery, WebhookEndpoint Endpoint) Apply(
        Delivery delivery, WebhookEndpoint endpoint, AttemptResult result, WebhookOptions options, DateTimeOffset now, Random random)
    {
        var attempt = new DeliveryAttempt(delivery.Attempts.Count + 1, now, result.StatusCode, result.LatencyMs, result.Error, result.ResponseExcerpt);
        var recorded = delivery with { Attempts = [.. delivery.Attempts, attempt], AttemptsInRound = delivery.AttemptsInRound + 1 };

        if (result.Succeeded)
            return (recorded with { Status = DeliveryStatus.Succeeded, CompletedAt = now, LastError = null }, endpoint.RecordSuccess(now));

        var error = result.StatusCode is { } code ? $"HTTP {code}" : result.Error ?? "failed";
        if (result.StatusCode == 410)
            return (recorded with { Status = DeliveryStatus.DeadLettered, CompletedAt = now, LastError = error },
                endpoint.RecordFailure(error, int.MaxValue, now).Disable("The endpoint answered 410 Gone: it asked not to be called again.", now));

        var health = endpoint.RecordFailure(error, options.DisableAfterConsecutiveFailures, now);
        if (recorded.AttemptsInRound >= options.MaxAttempts)
            return (recorded with { Status = DeliveryStatus.DeadLettered, CompletedAt = now, LastError = error }, health);
        return (recorded with { NextAttemptAt = now + Backoff(recorded.AttemptsInRound, result, options, now, random), LastError = error }, health);
    }

    /// <summary>
    /// Exponential backoff with "equal jitter" (half fixed, half random) so that many failing deliveries do not retry in step;
    /// a Retry-After on 429/503 is honoured instead, within the maximum delay.
    /// </summary>
    public static TimeSpan Backoff(int attemptsInRound, AttemptResult result, WebhookOptions options, DateTimeOffset now, Random random)
    {
        if (result.StatusCode is 429 or 503 && result.RetryAfter is { } retryAfter)
        {
            var wanted = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - now : TimeSpan.Zero);
            return TimeSpan.FromTicks(Math.Clamp(wanted.Ticks, 0, options.RetryMaxDelay.Ticks));
        }
        var exponent = Math.Min(attemptsInRound - 1, 30);
        var ceiling = Math.Min(options.RetryBaseDelay.Ticks * Math.Pow(2, exponent), options.RetryMaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(ceiling / 2 + random.NextDouble() * ceiling / 2));
    }
}
