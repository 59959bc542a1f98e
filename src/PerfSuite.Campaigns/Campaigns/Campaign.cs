using PerfSuite.Contracts;

namespace PerfSuite.Campaigns.Campaigns;

public enum CampaignStatus { Draft, Active, Paused, Ended }

/// <summary>What an agency sets on a campaign; value parts reuse the contract records (immutable, append-only).</summary>
public sealed record CampaignDefinition(
    Guid AdvertiserId,
    string Name,
    string Channel,
    string Currency,
    string LandingUrl,
    string? FallbackUrl,
    PayoutTerms Payout,
    BudgetTerms? Budget,
    CapTerms? Caps,
    AttributionTerms Attribution,
    TargetTerms? Targets,
    decimal HoldoutPercent,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt);

// Domain events: private to Campaigns.
public sealed record CampaignCreated(Guid CampaignId, CampaignDefinition Definition, string TimeZone, string PostbackToken, DateTimeOffset CreatedAt);

public sealed record CampaignLaunched(CampaignTerms Terms, DateTimeOffset LaunchedAt);

public sealed record Campaign(
    Guid Id,
    CampaignDefinition Definition,
    string TimeZone,
    string PostbackToken,
    CampaignStatus Status,
    string? StatusReason,
    IReadOnlyList<VariantTerms> Variants,
    IReadOnlyList<TrackingLinkTerms> Links,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LaunchedAt)
{
    public long Version { get; init; }

    public static Campaign Create(CampaignCreated e) =>
        new(e.CampaignId, e.Definition, e.TimeZone, e.PostbackToken, CampaignStatus.Draft, null, [], [], e.CreatedAt, null);

    public Campaign Apply(CampaignLaunched e) => this with { Status = CampaignStatus.Active, StatusReason = null, LaunchedAt = e.LaunchedAt };

    /// <summary>The full terms the click and conversion paths need, as published to other services.</summary>
    public CampaignTerms ToTerms() => new(
        Id, Definition.AdvertiserId, Definition.Name, Definition.Channel, Definition.Currency, TimeZone,
        Definition.LandingUrl, Definition.FallbackUrl, Definition.Payout, Definition.Budget, Definition.Caps,
        Definition.Attribution, Definition.Targets, Definition.HoldoutPercent, Variants, Links, PostbackToken,
        Status.ToString().ToLowerInvariant(), Definition.StartsAt, Definition.EndsAt);
}
