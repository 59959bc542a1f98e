using PerfSuite.Contracts;

namespace PerfSuite.Campaigns.Campaigns;

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
    IReadOnlyList<VariantTerms> Variants,
    IReadOnlyList<TrackingLinkTerms> Links,
    string PostbackToken,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LaunchedAt,
    long Version)
{
    public static CampaignResponse From(Campaign c, long version)
    {
        var d = c.Definition;
        return new(c.Id, d.AdvertiserId, d.Name, d.Channel, d.Currency, c.TimeZone, d.LandingUrl, d.FallbackUrl, d.Payout,
            d.Budget, d.Caps, d.Attribution, d.Targets, d.HoldoutPercent, d.StartsAt, d.EndsAt,
            c.Status.ToString().ToLowerInvariant(), c.StatusReason, c.Variants, c.Links, c.PostbackToken, c.CreatedAt, c.LaunchedAt, version);
    }
}
