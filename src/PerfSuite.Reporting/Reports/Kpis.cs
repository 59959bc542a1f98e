namespace PerfSuite.Reporting.Reports;

/// <summary>The formulas of DESIGN.md, exactly. A ratio with a zero denominator is null.</summary>
public static class Kpis
{
    public static decimal? Ratio(decimal numerator, decimal denominator) => denominator == 0 ? null : numerator / denominator;

    public static decimal? Ctr(long clicks, long impressions) => Ratio(clicks, impressions);
    public static decimal? Cvr(long conversions, long clicks) => Ratio(conversions, clicks);
    public static decimal? Cpc(decimal spend, long clicks) => Ratio(spend, clicks);
    public static decimal? Cpa(decimal spend, long sales) => Ratio(spend, sales);
    public static decimal? Cpl(decimal spend, long leads) => Ratio(spend, leads);
    public static decimal? Cpm(decimal spend, long impressions) => Ratio(spend, impressions) * 1000;
    public static decimal? Roas(decimal revenue, decimal spend) => Ratio(revenue, spend);
    public static decimal? Epc(decimal affiliateEarnings, long clicks) => Ratio(affiliateEarnings, clicks);
}
