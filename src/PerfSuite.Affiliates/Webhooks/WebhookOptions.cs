namespace PerfSuite.Affiliates.Webhooks;

/// <summary>Configuration section "Webhooks".</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Allow http:// endpoint URLs (local development and tests only).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>CIDRs (10.1.0.0/16, 127.0.0.1/32) or host names that may be reached although private or loopback.</summary>
    public List<string> Allowlist { get; set; } = [];

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per delivery before it is dead-lettered (a redelivery starts a new round).</summary>
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Consecutive failed attempts after which the endpoint is disabled until the agency re-enables it.</summary>
    public int DisableAfterConsecutiveFailures { get; set; } = 20;

    /// <summary>How long the previous secret keeps signing beside the new one after a rotation.</summary>
    public TimeSpan SecretRotationGrace { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Deliveries sent at once (to different affiliates; one affiliate's are sent one after the other).</summary>
    public int Concurrency { get; set; } = 16;

    public TimeSpan HoldCheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}
