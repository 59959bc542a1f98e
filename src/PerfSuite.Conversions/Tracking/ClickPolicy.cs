using PerfSuite.BuildingBlocks.Campaigns;
using PerfSuite.Contracts;
using PerfSuite.Conversions.Fraud;

namespace PerfSuite.Conversions.Tracking;

/// <summary>Where a click or impression goes, whether it is billable, why not, and what it costs.</summary>
public sealed record HitOutcome(string Destination, Guid? VariantId, bool Holdout, bool Billable, string? Reason, decimal Spend, string SpendKind);

public static class ClickPolicy
{
    /// <summary>
    /// Pure: the campaign's state and the visitor's assignment decide the destination; fraud signals decide
    /// billability (a duplicate or a bot still goes to the landing page, but costs nothing). The budget is
    /// checked last, by the caller-supplied <paramref name="reserveSpend"/>, only for a hit that would be billed.
    /// </summary>
    public static HitOutcome Decide(CampaignTerms campaign, VisitorAssignment.Result assignment, HitKind kind,
        bool isBot, bool isDuplicate, DateTimeOffset now, Func<decimal, bool> reserveSpend)
    {
        var fallback = campaign.FallbackUrl ?? campaign.LandingUrl;
        var spendKind = campaign.Payout.Model is "cpm" ? "cpm" : "cpc";
        if (!IsLive(campaign, now))
            return new HitOutcome(fallback, null, false, false, FraudReasons.CampaignNotLive, 0, spendKind);
        if (assignment.Holdout)
            return new HitOutcome(assignment.LandingUrl, null, true, false, FraudReasons.Holdout, 0, spendKind);

        var variant = assignment.Variant?.VariantId;
        if (isBot) return new HitOutcome(assignment.LandingUrl, variant, false, false, FraudReasons.Bot, 0, spendKind);
        if (isDuplicate) return new HitOutcome(assignment.LandingUrl, variant, false, false, FraudReasons.DuplicateClick, 0, spendKind);

        var cost = Cost(campaign.Payout, kind);
        if (!reserveSpend(cost))
            return new HitOutcome(fallback, null, false, false, FraudReasons.BudgetExhausted, 0, spendKind);
        return new HitOutcome(assignment.LandingUrl, variant, false, true, null, cost, spendKind);
    }

    public static bool IsLive(CampaignTerms campaign, DateTimeOffset now) =>
        campaign.Status == "active" && (campaign.StartsAt is null || campaign.StartsAt <= now) && (campaign.EndsAt is null || now < campaign.EndsAt);

    /// <summary>CPC pays per billable click, CPM per thousand billable impressions; other models pay per conversion.</summary>
    public static decimal Cost(PayoutTerms payout, HitKind kind) => (payout.Model, kind) switch
    {
        ("cpc", HitKind.Click) => payout.Amount ?? 0,
        ("cpm", HitKind.Impression) => (payout.Amount ?? 0) / 1000m,
        _ => 0,
    };
}
