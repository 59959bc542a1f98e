namespace PerfSuite.Affiliates.Affiliates;

public enum AffiliateStatus { Pending, Approved, Suspended }

// Domain events: private to Affiliates.
public sealed record AffiliateRegistered(Guid AffiliateId, string Name, string Email, DateTimeOffset RegisteredAt);

public sealed record AffiliateApproved(Guid AffiliateId, DateTimeOffset ApprovedAt);

public sealed record AffiliateSuspended(Guid AffiliateId, string Reason, DateTimeOffset SuspendedAt);

public sealed record Affiliate(
    Guid Id,
    string Name,
    string Email,
    AffiliateStatus Status,
    string? SuspendedReason,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? ApprovedAt)
{
    public long Version { get; init; }

    public static Affiliate Create(AffiliateRegistered e) =>
        new(e.AffiliateId, e.Name, e.Email, AffiliateStatus.Pending, null, e.RegisteredAt, null);

    public Affiliate Apply(AffiliateApproved e) => this with { Status = AffiliateStatus.Approved, SuspendedReason = null, ApprovedAt = e.ApprovedAt };

    public Affiliate Apply(AffiliateSuspended e) => this with { Status = AffiliateStatus.Suspended, SuspendedReason = e.Reason };
}

public sealed record AffiliateResponse(Guid Id, string Name, string Email, string Status, string? SuspendedReason, DateTimeOffset RegisteredAt, DateTimeOffset? ApprovedAt)
{
    public static AffiliateResponse From(Affiliate a) =>
        new(a.Id, a.Name, a.Email, a.Status.ToString().ToLowerInvariant(), a.SuspendedReason, a.RegisteredAt, a.ApprovedAt);
}
