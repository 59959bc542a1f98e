namespace PerfSuite.Contracts;

/// <summary>
/// Clicks and impressions of one campaign, aggregated per link, variant, day (tenant time zone),
/// holdout flag over a short flush interval. Spend is the CPC/CPM cost of the billable part
/// (already included as a <see cref="SpendRecorded"/> by Conversions; here for Reporting's convenience).
/// </summary>
public sealed record TrafficRecorded(
    Guid CampaignId,
    string Currency,
    IReadOnlyList<TrafficCount> Counts,
    DateTimeOffset RecordedAt) : IIntegrationEvent;

public sealed record TrafficCount(
    Guid LinkId,
    Guid AffiliateId,
    Guid? VariantId,
    DateOnly Day,
    bool Holdout,
    long Clicks,
    long BillableClicks,
    long Impressions,
    long BillableImpressions,
    decimal Spend);

public sealed record Touch(Guid ClickId, Guid LinkId, Guid AffiliateId, Guid? VariantId, DateTimeOffset ClickedAt);

public sealed record Credit(Guid ClickId, Guid LinkId, Guid AffiliateId, Guid? VariantId, decimal Weight);

/// <summary>
/// A conversion attributed under the campaign's model. Amount is in the campaign currency
/// (converted with the tenant's rate when it came in another one). Payable is false for capped
/// or flagged conversions; Flags say why (capped, fast_conversion, ...). Touches are the visitor's
/// billable clicks inside the window, so other models can be recomputed from them.
/// </summary>
public sealed record ConversionAttributed(
    Guid ConversionId,
    Guid CampaignId,
    string Type,
    decimal Amount,
    string Currency,
    decimal? OriginalAmount,
    string? OriginalCurrency,
    string? OrderId,
    string? CustomerId,
    string? VisitorId,
    DateTimeOffset OccurredAt,
    DateOnly Day,
    string Channel,
    string Model,
    IReadOnlyList<Credit> Credits,
    IReadOnlyList<Touch> Touches,
    bool Holdout,
    bool Payable,
    IReadOnlyList<string> Flags,
    PayoutTerms Payout,
    Guid? LeadConversionId) : IIntegrationEvent;

/// <summary>reason: unknown_click|unknown_campaign|campaign_not_live|no_fx_rate|outside_window|no_touch|fraud_*.</summary>
public sealed record ConversionRejected(
    Guid ConversionId,
    Guid? CampaignId,
    string Type,
    string Reason,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A refund or chargeback; carries the original credits so consumers need no lookup.</summary>
public sealed record ConversionReversed(
    Guid ConversionId,
    Guid CampaignId,
    string Type,
    decimal Amount,
    string Currency,
    DateOnly Day,
    IReadOnlyList<Credit> Credits,
    bool Holdout,
    string Reason,
    DateTimeOffset ReversedAt) : IIntegrationEvent;

/// <summary>
/// Money a campaign owes. Conversions publishes kind cpc|cpm (billable traffic); Affiliates
/// publishes kind cpa|cpl|revshare (commissions, negative amount on reversal). Campaigns sums
/// it for budgets, Reporting for spend. Platform cost is imported by Reporting directly.
/// </summary>
public sealed record SpendRecorded(
    Guid CampaignId,
    Guid? AffiliateId,
    string Kind,
    decimal Amount,
    string Currency,
    DateOnly Day,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
