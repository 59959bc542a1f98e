using Marten.Metadata;

namespace PerfSuite.Affiliates.Ledger;

public enum CommissionStatus { Pending, Approved, Reversed, Paid }

public static class CommissionKinds
{
    public const string Cpa = "cpa";
    public const string Cpl = "cpl";
    public const string RevShare = "revshare";
    public const string Cpc = "cpc";
    public const string Cpm = "cpm";
    public const string Clawback = "clawback";

    /// <summary>Kinds whose commissions are campaign spend published by Affiliates (CPC/CPM spend comes from Conversions).</summary>
    public static bool IsPublishedSpend(string kind) => kind is Cpa or Cpl or RevShare;
}

// Domain events: private to Affiliates. They carry what the integration events and webhooks need, so neither has to load state.
public sealed record CommissionEarned(
    Guid CommissionId,
    Guid AffiliateId,
    Guid CampaignId,
    Guid? ConversionId,
    string Kind,
    decimal Amount,
    string Currency,
    DateOnly Day,
    decimal Weight,
    DateTimeOffset HoldUntil,
    DateTimeOffset CreatedAt,
    Guid? ClawbackOf = null,
    string? ClawbackOfKind = null);

public sealed record CommissionApproved(Guid CommissionId, Guid AffiliateId, Guid CampaignId, decimal Amount, string Currency, bool Manual, DateTimeOffset ApprovedAt);

public sealed record CommissionReversed(Guid CommissionId, Guid AffiliateId, Guid CampaignId, string Kind, decimal Amount, string Currency, DateOnly Day, string Reason, DateTimeOffset ReversedAt);

/// <summary>A paid commission whose conversion was reversed: the money comes back through the clawback commission.</summary>
public sealed record CommissionClawedBack(Guid CommissionId, Guid AffiliateId, Guid ClawbackId, decimal Amount, string Currency, string Reason, DateTimeOffset ClawedBackAt);

public sealed record CommissionPaid(Guid CommissionId, Guid AffiliateId, Guid CampaignId, Guid PayoutId, decimal Amount, string Currency, DateTimeOffset PaidAt);

public sealed record Commission(
    Guid Id,
    Guid AffiliateId,
    Guid CampaignId,
    Guid? ConversionId,
    string Kind,
    decimal Amount,
    string Currency,
    DateOnly Day,
    decimal Weight,
    CommissionStatus Status,
    DateTimeOffset HoldUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? ReversedAt,
    string? ReversalReason,
    DateTimeOffset? PaidAt,
    Guid? PayoutId,
    Guid? ClawbackOf,
    Guid? ClawbackId) : ITenanted
{
    public long Version { get; init; }

    /// <summary>Set by Marten; lets the hold job, which reads across tenants, write back to the right one.</summary>
    public string? TenantId { get; set; }

    /// <summary>A clawback is owed back at once: it is approved when created so that the next payout nets it off.</summary>
    public static Commission Create(CommissionEarned e) =>
        new(e.CommissionId, e.AffiliateId, e.CampaignId, e.ConversionId, e.Kind, e.Amount, e.Currency, e.Day, e.Weight,
            e.Kind == CommissionKinds.Clawback ? CommissionStatus.Approved : CommissionStatus.Pending,
            e.HoldUntil, e.CreatedAt, e.Kind == CommissionKinds.Clawback ? e.CreatedAt : null, null, null, null, null, e.ClawbackOf, null);

    public Commission Apply(CommissionApproved e) => this with { Status = CommissionStatus.Approved, ApprovedAt = e.ApprovedAt };

    public Commission Apply(CommissionReversed e) => this with { Status = CommissionStatus.Reversed, ReversedAt = e.ReversedAt, ReversalReason = e.Reason };

    public Commission Apply(CommissionClawedBack e) => this with { ClawbackId = e.ClawbackId, ReversedAt = e.ClawedBackAt, ReversalReason = e.Reason };

    public Commission Apply(CommissionPaid e) => this with { Status = CommissionStatus.Paid, PaidAt = e.PaidAt, PayoutId = e.PayoutId };
}

public sealed record CommissionResponse(
    Guid Id, Guid AffiliateId, Guid CampaignId, Guid? ConversionId, string Kind, decimal Amount, string Currency, DateOnly Day,
    decimal Weight, string Status, DateTimeOffset HoldUntil, DateTimeOffset CreatedAt, DateTimeOffset? ApprovedAt,
    DateTimeOffset? ReversedAt, string? ReversalReason, DateTimeOffset? PaidAt, Guid? PayoutId, Guid? ClawbackOf, Guid? ClawbackId)
{
    public static CommissionResponse From(Commission c) =>
        new(c.Id, c.AffiliateId, c.CampaignId, c.ConversionId, c.Kind, c.Amount, c.Currency, c.Day, c.Weight,
            c.Status.ToString().ToLowerInvariant(), c.HoldUntil, c.CreatedAt, c.ApprovedAt, c.ReversedAt, c.ReversalReason,
            c.PaidAt, c.PayoutId, c.ClawbackOf, c.ClawbackId);
}
