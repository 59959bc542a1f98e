using System.Security.Cryptography;

namespace PerfSuite.Affiliates.Webhooks;

public static class WebhookTypes
{
    public const string CommissionCreated = "commission.created";
    public const string CommissionApproved = "commission.approved";
    public const string CommissionReversed = "commission.reversed";
    public const string CommissionPaid = "commission.paid";
    public const string PayoutCreated = "payout.created";
    public const string Test = "webhook.test";

    public static readonly string[] Subscribable = [CommissionCreated, CommissionApproved, CommissionReversed, CommissionPaid, PayoutCreated];
}

public sealed record WebhookSecret(string Secret, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt)
{
    /// <summary>Standard Webhooks secret: "whsec_" + base64 of 32 random bytes.</summary>
    public static WebhookSecret New(DateTimeOffset now) => new("whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), now, null);
}

/// <summary>An affiliate's webhook endpoint (document id = affiliate id) with its secrets and health.</summary>
public sealed record WebhookEndpoint(
    Guid Id,
    string Url,
    IReadOnlyList<string> Events,
    IReadOnlyList<WebhookSecret> Secrets,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset? DisabledAt,
    int ConsecutiveFailures,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastFailureAt,
    string? LastError,
    DateTimeOffset UpdatedAt)
{
    public bool Subscribes(string type) => type == WebhookTypes.Test || Events.Contains(type);

    /// <summary>The newest secret first, then any previous one still inside its rotation grace period.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        Secrets.Where(s => s.ExpiresAt is null || s.ExpiresAt > now).OrderByDescending(s => s.CreatedAt).Select(s => s.Secret).ToList();

    public WebhookEndpoint Rotate(TimeSpan grace, DateTimeOffset now) => this with
    {
        Secrets = [WebhookSecret.New(now), .. Secrets.Where(s => s.ExpiresAt is null || s.ExpiresAt > now).Select(s => s with { ExpiresAt = s.ExpiresAt ?? now + grace })],
        UpdatedAt = now,
    };

    public WebhookEndpoint RecordSuccess(DateTimeOffset now) => this with { ConsecutiveFailures = 0, LastSuccessAt = now };

    public WebhookEndpoint RecordFailure(string error, int disableAfter, DateTimeOffset now)
    {
        var failures = ConsecutiveFailures + 1;
        var disable = Enabled && failures >= disableAfter;
        return this with
        {
            ConsecutiveFailures = failures,
            LastFailureAt = now,
            LastError = error,
            Enabled = Enabled && !disable,
            DisabledReason = disable ? $"Disabled after {failures} consecutive failed attempts; last: {error}" : DisabledReason,
            DisabledAt = disable ? now : DisabledAt,
        };
    }

    public WebhookEndpoint Disable(string reason, DateTimeOffset now) => this with { Enabled = false, DisabledReason = reason, DisabledAt = now };
}

public sealed record WebhookEndpointResponse(
    Guid AffiliateId, string Url, IReadOnlyList<string> Events, bool Enabled, string? DisabledReason, DateTimeOffset? DisabledAt,
    int ConsecutiveFailures, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastFailureAt, string? LastError, int ActiveSecrets)
{
    public static WebhookEndpointResponse From(WebhookEndpoint e, DateTimeOffset now) =>
        new(e.Id, e.Url, e.Events, e.Enabled, e.DisabledReason, e.DisabledAt, e.ConsecutiveFailures, e.LastSuccessAt, e.LastFailureAt,
            e.LastError, e.SigningSecrets(now).Count);
}
