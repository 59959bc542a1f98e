using PerfSuite.Campaigns.Budgets;
using PerfSuite.Contracts;

namespace PerfSuite.Campaigns.Campaigns;

/// <summary>Spend so far in the campaign's currency; today is the tenant-local day.</summary>
public sealed record SpendResponse(decimal Total, decimal Today, string Currency);

public sealed record CampaignResponse(
    Guid Id,
    Guid AdvertiserId,
    string Name,
    string Channel,
    string Currency,
    string TimeZone,
    string LandingUrl,
    string? FallbackUrl,
    PayoutTerms Payout,
    BudgetTerms? Budget,
    CapTerms? Caps,
    AttributionTerms Attribution,
    TargetTerms? Targets,
    decimal HoldoutPercent,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string Status,
    string? StatusReason,
    int ControlWeight,
    IReadOnlyList<VariantTerms> Variants,
    IReadOnlyList<TrackingLinkTerms> Links,
    IReadOnlyList<PayoutPeriod> PayoutHistory,
    string PostbackToken,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LaunchedAt,
    long Version,
    SpendResponse? Spend)
{
    public static CampaignResponse From(Campaign c, long version, CampaignSpend? spend = null, DateTimeOffset? now = null)
    {
        var d = c.Definition;
        return new(c.Id, d.AdvertiserId, d.Name, d.Channel, d.Currency, c.TimeZone, d.LandingUrl, d.FallbackUrl, d.Payout,
            d.Budget, d.Caps, d.Attribution, d.Targets, d.HoldoutPercent, d.StartsAt, d.EndsAt,
            c.StatusName, c.StatusReason, d.ControlWeight, c.Variants, c.Links, c.PayoutHistory, c.PostbackToken, c.CreatedAt, c.LaunchedAt, version,
            spend is null || now is null ? null : new SpendResponse(spend.Total, spend.On(c.LocalDay(now.Value)), d.Currency));
    }
}
