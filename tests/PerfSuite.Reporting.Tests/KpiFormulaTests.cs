using PerfSuite.Reporting.Reports;
using PerfSuite.Reporting.Reports.GettingKpis;

namespace PerfSuite.Reporting.Tests;

public sealed class KpiFormulaTests
{
    [Fact]
    public void Every_ratio_follows_the_design_formulas()
    {
        // 1,000 impressions, 50 clicks, 4 leads, 2 sales, 6 conversions, $300 revenue, $75 spend of which $60 is owed to affiliates.
        var row = KpiRow.From("k", null, "USD", new KpiSums(1000, 50, 40, 4, 2, 6, 300m, 60m, 15m));

        Assert.Equal(75m, row.Spend);
        Assert.Equal(0.05m, row.Ctr);   // 50 / 1000
        Assert.Equal(0.12m, row.Cvr);   // 6 / 50
        Assert.Equal(1.5m, row.Cpc);    // 75 / 50
        Assert.Equal(37.5m, row.Cpa);   // 75 / 2 sales
        Assert.Equal(18.75m, row.Cpl);  // 75 / 4 leads
        Assert.Equal(75m, row.Cpm);     // 75 / 1000 × 1000
        Assert.Equal(4m, row.Roas);     // 300 / 75
        Assert.Equal(1.2m, row.Epc);    // 60 affiliate earnings / 50 clicks
    }

    [Fact]
    public void Roas_of_4_means_4_dollars_of_revenue_per_dollar_of_spend() => Assert.Equal(4m, Kpis.Roas(400m, 100m));

    [Fact]
    public void Max_affordable_cpl_is_customer_value_times_lead_to_customer_rate() => Assert.Equal(50m, Kpis.MaxAffordableCpl(500m, 0.10m));

    [Fact]
    public void Ltv_is_revenue_per_distinct_customer()
    {
        Assert.Equal(150m, Kpis.Ltv(450m, 3));
        Assert.Null(Kpis.Ltv(450m, 0));
    }

    [Fact]
    public void A_ratio_with_a_zero_denominator_is_null_never_zero_or_infinity()
    {
        var row = KpiRow.From("k", null, "USD", new KpiSums(0, 0, 0, 0, 0, 0, 10m, 0, 0));
        Assert.Null(row.Ctr);
        Assert.Null(row.Cvr);
        Assert.Null(row.Cpc);
        Assert.Null(row.Cpa);
        Assert.Null(row.Cpl);
        Assert.Null(row.Cpm);
        Assert.Null(row.Roas);
        Assert.Null(row.Epc);
        Assert.Equal(0m, Kpis.Ctr(0, 10)); // a zero numerator is a real 0
    }

    [Fact]
    public void Credit_weighted_thirds_add_back_up_to_a_whole_conversion()
    {
        var third = 1m / 3m;
        Assert.Equal(1m, Kpis.Count(third + third + third));
        Assert.Equal("1", Kpis.Count(third * 3).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Ratios_are_rounded_to_six_decimals() => Assert.Equal(0.333333m, Kpis.Ratio(1, 3));
}
