using PerfSuite.Contracts;

namespace PerfSuite.Conversions.Tests;

/// <summary>Campaign terms for tests: an active USD CPC campaign with one link and last-touch over 30 days.</summary>
public static class Terms
{
    public static readonly Guid Affiliate = Guid.NewGuid();
    public static readonly TrackingLinkTerms Link = new(Guid.NewGuid(), "abc123", Affiliate, null);

    public static CampaignTerms Campaign(
        string status = "active", string payoutModel = "cpc", decimal? payoutAmount = 0.5m, BudgetTerms? budget = null,
        CapTerms? caps = null, string model = "last_touch", int windowDays = 30, string? fallbackUrl = "https://fallback.example/") =>
        new(Guid.NewGuid(), Guid.NewGuid(), "Spring", "affiliate", "USD", "UTC", "https://landing.example/", fallbackUrl,
            new PayoutTerms(payoutModel, payoutAmount, null), budget, caps, new AttributionTerms(model, windowDays, null),
            null, 0m, [], [Link], "token-1", status);
}
