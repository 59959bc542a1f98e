namespace PerfSuite.Reporting.Reports;

/// <summary>The formulas of DESIGN.md, exactly. A ratio with a zero denominator is null.</summary>
public static class Kpis
{
    /// <summary>Ratios are rounded to this many decimal places in reports.</summary>
    public const int RatioDecimals = 6;

    public static decimal? Ratio(decimal numerator, decimal denominator) =>
        denominator == 0 ? null : Normalize(Math.Round(numerator / denominator, RatioDecimals, MidpointRounding.AwayFromZero));

    public static decimal? Ctr(long clicks, long impressions) => Ratio(clicks, impressions);
    public static decimal? Cvr(decimal conversions, long clicks) => Ratio(conversions, clicks);
    public static decimal? Cpc(decimal spend, long clicks) => Ratio(spend, clicks);
    public static decimal? Cpa(decimal spend, decimal sales) => Ratio(spend, sales);
    public static decimal? Cpl(decimal spend, decimal leads) => Ratio(spend, leads);
    public static decimal? Cpm(decimal spend, long impressions) => Ratio(spend * 1000, impressions);
    public static decimal? Roas(decimal revenue, decimal spend) => Ratio(revenue, spend);
    public static decimal? Epc(decimal affiliateEarnings, long clicks) => Ratio(affiliateEarnings, clicks);

    /// <summary>Max affordable cost per lead = customer value × lead-to-customer rate ($500 × 10% = $50).</summary>
    public static decimal MaxAffordableCpl(decimal customerValue, decimal leadToCustomerRate) => customerValue * leadToCustomerRate;

    /// <summary>LTV = revenue per distinct customer over the window.</summary>
    public static decimal? Ltv(decimal revenue, long customers) => Ratio(revenue, customers);

    /// <summary>Credit-weighted counts (e.g. three thirds) rounded so that they add back up to whole numbers.</summary>
    public static decimal Count(decimal weighted) => Normalize(Math.Round(weighted, RatioDecimals, MidpointRounding.AwayFromZero));

    /// <summary>Money as reports show it: rounded to cents, without trailing zeros (12.50 → 12.5, 1.00 → 1).</summary>
    public static decimal Amount(decimal value) => Normalize(PerfSuite.BuildingBlocks.Http.Money.ToCents(value));

    /// <summary>Drops trailing zeros (1.000000 → 1) so whole counts serialize as integers.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;
}
