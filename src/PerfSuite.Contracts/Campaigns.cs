namespace PerfSuite.Contracts;

/// <summary>Payout terms. model: cpc|cpa|cpl|cpm|revshare. Hybrid = amount and percent both set.</summary>
public sealed record PayoutTerms(string Model, decimal? Amount, decimal? Percent, int HoldDays = 0);

public sealed record BudgetTerms(decimal? Daily, decimal? Total);

public sealed record CapTerms(int? DailyConversions, int? AffiliateDailyConversions);

/// <summary>model: last_touch|first_touch|linear|position_based|time_decay.</summary>
public sealed record AttributionTerms(string Model, int WindowDays, double? HalfLifeDays);

public sealed record TargetTerms(decimal? Cpa, decimal? Cpl, decimal? Roas, decimal? CustomerValue, decimal? LeadToCustomerRate);

public sealed record VariantTerms(Guid VariantId, string Name, string LandingUrl, int Weight, bool Paused);

public sealed record TrackingLinkTerms(Guid LinkId, string Code, Guid AffiliateId, IReadOnlyDictionary<string, string>? SubIds);

/// <summary>Everything the click and conversion paths need to know about a live campaign.</summary>
public sealed record CampaignTerms(
    Guid CampaignId,
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
    IReadOnlyList<VariantTerms> Variants,
    IReadOnlyList<TrackingLinkTerms> Links,
    string PostbackToken,
    string Status,
    DateTimeOffset? StartsAt = null,
    DateTimeOffset? EndsAt = null,
    int ControlWeight = VariantWeights.DefaultControlWeight);

/// <summary>
/// The campaign's own landing URL is the control arm (variant id null) of its A/B test, with
/// <see cref="CampaignTerms.ControlWeight"/>; each non-paused variant competes with its own weight.
/// </summary>
public static class VariantWeights
{
    public const int DefaultControlWeight = 100;
    public const int Max = 10_000;
}

public sealed record CampaignLaunched(CampaignTerms Campaign, DateTimeOffset LaunchedAt) : IIntegrationEvent;

/// <summary>Any change of terms, variants, links or postback token of a launched campaign; carries the full new terms.</summary>
public sealed record CampaignUpdated(CampaignTerms Campaign, DateTimeOffset UpdatedAt) : IIntegrationEvent;

/// <summary>reason: manual|budget_exhausted|daily_budget_exhausted|schedule|cap_reached.</summary>
public sealed record CampaignPaused(Guid CampaignId, string Reason, DateTimeOffset PausedAt) : IIntegrationEvent;

public sealed record CampaignResumed(Guid CampaignId, string Reason, DateTimeOffset ResumedAt) : IIntegrationEvent;

public sealed record CampaignEnded(Guid CampaignId, string Reason, DateTimeOffset EndedAt) : IIntegrationEvent;

public sealed record TrackingLinkCreated(Guid CampaignId, TrackingLinkTerms Link, DateTimeOffset CreatedAt) : IIntegrationEvent;
