using PerfSuite.BuildingBlocks.Http;
using PerfSuite.Contracts;

namespace PerfSuite.Affiliates.Ledger.Earning;

public sealed record Share(Guid AffiliateId, decimal Weight, decimal Amount);

/// <summary>What a conversion or billable traffic earns, and how it is split between the credited affiliates.</summary>
public static class CommissionRules
{
    /// <summary>
    /// The payout of one conversion under the campaign's terms at the time: a fixed amount, a percent of the
    /// conversion amount, or both (hybrid). CPL pays for leads, CPA for every other conversion type, RevShare
    /// for any conversion with an amount. CPC and CPM pay for traffic, not conversions: null.
    /// </summary>
    public static decimal? Payout(PayoutTerms terms, string conversionType, decimal conversionAmount)
    {
        var pays = terms.Model switch
        {
            CommissionKinds.Cpl => conversionType == "lead",
            CommissionKinds.Cpa => conversionType != "lead",
            CommissionKinds.RevShare => true,
            _ => false,
        };
        if (!pays) return null;
        var total = Money.ToCents((terms.Amount ?? 0m) + (terms.Percent ?? 0m) / 100m * conversionAmount);
        return total > 0 ? total : null;
    }

    /// <summary>
    /// Splits an amount by the credits' weights (one share per affiliate, weights of one affiliate's touches added up),
    /// by the largest-remainder method: every share is rounded down to the cent, and the cents left over go one by one
    /// to the shares with the largest remainders (earlier credits first on a tie), so the shares sum exactly to the amount.
    /// </summary>
    public static IReadOnlyList<Share> Split(decimal amount, IReadOnlyList<Credit> credits)
    {
        var weights = credits
            .Where(c => c.Weight > 0)
            .GroupBy(c => c.AffiliateId)
            .Select(g => (AffiliateId: g.Key, Weight: g.Sum(c => c.Weight)))
            .ToList();
        if (weights.Count == 0) return [];
        var totalWeight = weights.Sum(w => w.Weight);
        var totalCents = (long)decimal.Round(amount * 100m, 0, MidpointRounding.AwayFromZero);

        var exact = weights.Select(w => totalCents * (w.Weight / totalWeight)).ToList();
        var cents = exact.Select(e => (long)decimal.Floor(e)).ToArray();
        var leftover = totalCents - cents.Sum();
        foreach (var index in Enumerable.Range(0, weights.Count).OrderByDescending(i => exact[i] - cents[i]).ThenBy(i => i).Take((int)leftover))
            cents[index]++;

        return weights.Select((w, i) => new Share(w.AffiliateId, w.Weight / totalWeight, cents[i] / 100m)).ToList();
    }

    /// <summary>The commissions one attributed conversion earns; none when it is not payable, in the holdout or pays for traffic only.</summary>
    public static IReadOnlyList<CommissionEarned> Earn(ConversionAttributed conversion, DateTimeOffset now)
    {
        if (!conversion.Payable || conversion.Holdout) return [];
        if (Payout(conversion.Payout, conversion.Type, conversion.Amount) is not { } total) return [];
        var holdUntil = now.AddDays(Math.Max(0, conversion.Payout.HoldDays));
        return Split(total, conversion.Credits)
            .Where(s => s.Amount > 0)
            .Select(s => new CommissionEarned(
                CommissionIds.ForConversion(conversion.ConversionId, s.AffiliateId), s.AffiliateId, conversion.CampaignId,
                conversion.ConversionId, conversion.Payout.Model, s.Amount, conversion.Currency, conversion.Day, s.Weight, holdUntil, now))
            .ToList();
    }

    /// <summary>CPC/CPM commissions accrue from billable traffic: the spend of each link's count is what its affiliate earns.</summary>
    public static IReadOnlyList<CommissionEarned> Earn(TrafficRecorded traffic, Guid messageId, PayoutTerms? terms, DateTimeOffset now)
    {
        var holdUntil = now.AddDays(Math.Max(0, terms?.HoldDays ?? 0));
        return traffic.Counts
            .Where(c => !c.Holdout && c.Spend > 0 && (c.BillableClicks > 0 || c.BillableImpressions > 0))
            .GroupBy(c => (c.LinkId, c.AffiliateId, c.Day))
            .Select(g =>
            {
                var kind = terms?.Model is CommissionKinds.Cpc or CommissionKinds.Cpm
                    ? terms.Model
                    : g.Sum(c => c.BillableClicks) > 0 ? CommissionKinds.Cpc : CommissionKinds.Cpm;
                return new CommissionEarned(CommissionIds.ForTraffic(messageId, g.Key.LinkId, g.Key.Day), g.Key.AffiliateId,
                    traffic.CampaignId, null, kind, Money.ToCents(g.Sum(c => c.Spend)), traffic.Currency, g.Key.Day, 1m, holdUntil, now);
            })
            .Where(e => e.Amount > 0)
            .ToList();
    }
}
