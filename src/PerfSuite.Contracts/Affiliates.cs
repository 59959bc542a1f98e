namespace PerfSuite.Contracts;

public sealed record AffiliateRegistered(Guid AffiliateId, string Name, string Email, DateTimeOffset RegisteredAt) : IIntegrationEvent;

public sealed record AffiliateApproved(Guid AffiliateId, DateTimeOffset ApprovedAt) : IIntegrationEvent;

public sealed record AffiliateSuspended(Guid AffiliateId, string Reason, DateTimeOffset SuspendedAt) : IIntegrationEvent;

/// <summary>kind: cpc|cpm|cpa|cpl|revshare|clawback. status: pending|approved|reversed|paid.</summary>
public sealed record CommissionCreated(
    Guid CommissionId,
    Guid AffiliateId,
    Guid CampaignId,
    Guid? ConversionId,
    string Kind,
    decimal Amount,
    string Currency,
    DateOnly Day,
    DateTimeOffset CreatedAt) : IIntegrationEvent;

public sealed record CommissionApproved(Guid CommissionId, Guid AffiliateId, Guid CampaignId, decimal Amount, string Currency, DateTimeOffset ApprovedAt) : IIntegrationEvent;

public sealed record CommissionReversed(Guid CommissionId, Guid AffiliateId, Guid CampaignId, decimal Amount, string Currency, DateOnly Day, string Reason, DateTimeOffset ReversedAt) : IIntegrationEvent;

public sealed record CommissionPaid(Guid CommissionId, Guid AffiliateId, Guid PayoutId, decimal Amount, string Currency, DateTimeOffset PaidAt) : IIntegrationEvent;

public sealed record PayoutCreated(Guid PayoutId, Guid AffiliateId, decimal Amount, string Currency, int Commissions, DateTimeOffset CreatedAt) : IIntegrationEvent;
