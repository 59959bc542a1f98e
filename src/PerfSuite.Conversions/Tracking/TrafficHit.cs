using PerfSuite.BuildingBlocks.EventStore;

namespace PerfSuite.Conversions.Tracking;

public enum HitKind { Click, Impression }

/// <summary>
/// One click or impression on its way to the store. The request that produced it awaits
/// <see cref="Committed"/>, which completes when the group commit holding it has committed.
/// </summary>
public sealed class TrafficHit : IGroupCommitted
{
    public required HitKind Kind { get; init; }
    public required Guid Id { get; init; }
    public required string TenantId { get; init; }
    public required Guid CampaignId { get; init; }
    public required string Currency { get; init; }
    public required Guid LinkId { get; init; }
    public required Guid AffiliateId { get; init; }
    public Guid? VariantId { get; init; }
    public required string VisitorId { get; init; }
    public string? Ip { get; init; }
    public string? UserAgent { get; init; }
    public required DateTimeOffset At { get; init; }
    public required DateOnly Day { get; init; }
    public required bool Billable { get; init; }
    public required bool Holdout { get; init; }
    public string? Reason { get; init; }
    public required decimal Spend { get; init; }
    /// <summary>cpc or cpm: what the spend is for.</summary>
    public required string SpendKind { get; init; }

    public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
