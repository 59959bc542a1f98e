using PerfSuite.Affiliates.Ledger;

namespace PerfSuite.Affiliates.Payouts;

public sealed record PayoutLine(Guid CommissionId, Guid CampaignId, Guid? ConversionId, string Kind, DateOnly Day, decimal Amount);

// Domain event: private to Affiliates.
public sealed record PayoutCreated(Guid PayoutId, Guid AffiliateId, decimal Amount, string Currency, IReadOnlyList<PayoutLine> Lines, DateTimeOffset CreatedAt);

public sealed record Payout(Guid Id, Guid AffiliateId, decimal Amount, string Currency, IReadOnlyList<PayoutLine> Lines, DateTimeOffset CreatedAt)
{
    public long Version { get; init; }

    public static Payout Create(PayoutCreated e) => new(e.PayoutId, e.AffiliateId, e.Amount, e.Currency, e.Lines, e.CreatedAt);
}

public sealed record PayoutResponse(Guid Id, Guid AffiliateId, decimal Amount, string Currency, int Commissions, IReadOnlyList<PayoutLine> Lines, DateTimeOffset CreatedAt)
{
    public static PayoutResponse From(Payout p) => new(p.Id, p.AffiliateId, p.Amount, p.Currency, p.Lines.Count, p.Lines, p.CreatedAt);
}

/// <summary>One payout per currency of every approved commission of an affiliate, clawbacks netted off.</summary>
public sealed record PlannedPayout(PayoutCreated Created, IReadOnlyList<CommissionPaid> Paid);

public static class PayoutPlanner
{
    /// <summary>
    /// A currency whose approved commissions do not exceed its clawbacks is not paid: the clawbacks stay owed
    /// and are netted off by a later payout.
    /// </summary>
    public static IReadOnlyList<PlannedPayout> Plan(Guid affiliateId, IEnumerable<Commission> commissions, Func<Guid> newId, DateTimeOffset now) =>
        commissions
            .Where(c => c.AffiliateId == affiliateId && c.Status == CommissionStatus.Approved)
            .GroupBy(c => c.Currency)
            .Where(g => g.Sum(c => c.Amount) > 0)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var payoutId = newId();
                var items = g.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToList();
                var lines = items.Select(c => new PayoutLine(c.Id, c.CampaignId, c.ConversionId, c.Kind, c.Day, c.Amount)).ToList();
                var created = new PayoutCreated(payoutId, affiliateId, items.Sum(c => c.Amount), g.Key, lines, now);
                var paid = items.Select(c => new CommissionPaid(c.Id, affiliateId, c.CampaignId, payoutId, c.Amount, g.Key, now)).ToList();
                return new PlannedPayout(created, paid);
            })
            .ToList();
}
