using PerfSuite.Contracts;
using PerfSuite.Reporting.Campaigns;
using PerfSuite.Reporting.Cube;
using PerfSuite.Reporting.Platform;
using PerfSuite.Reporting.Reports;
using PerfSuite.Reporting.Reports.Blended;
using PerfSuite.Reporting.Reports.GettingKpis;
using PerfSuite.Reporting.Reports.Guardrails;

namespace PerfSuite.Reporting.Tests;

public sealed class ReportTests
{
    private static readonly Guid CampaignId = Guid.NewGuid();
    private static readonly DateOnly Day = new(2026, 11, 1);

    private static ReportCampaign Campaign(TargetTerms? targets) =>
        new(CampaignId, Guid.NewGuid(), "Leads", "search", "USD", "UTC", "active", DateTimeOffset.UnixEpoch, Targets: targets);

    private static ReportedConversion Conversion(string type, decimal amount, string? customer, Guid? lead = null, bool reversed = false) =>
        new(Guid.NewGuid(), CampaignId, type, amount, "USD", Day, DateTimeOffset.UnixEpoch, customer, lead, false, [], [], reversed);

    [Fact]
    public void Guardrails_flag_a_campaign_whose_cpl_is_above_the_max_affordable_cpl()
    {
        // 20 leads cost $1,200: CPL $60 against a max affordable CPL of $500 × 10% = $50.
        var kpis = KpiRow.From(CampaignId.ToString(), "Leads", "USD", new KpiSums(0, 400, 400, 20, 2, 22, 1000m, 1200m, 0));
        var row = GetGuardrails.Evaluate(Campaign(new TargetTerms(null, 70m, 1m, 500m, 0.10m)), kpis, CustomerFacts.None);

        Assert.Equal(50m, row.MaxAffordableCpl);
        Assert.Equal(500m, row.MaxAffordableCpa);
        Assert.Equal(60m, row.Cpl);
        Assert.True(row.OverTarget);
        Assert.Contains("cpl 60 above max affordable 50", row.Alerts);
        Assert.Contains("roas 0.83 below target 1", row.Alerts);
        Assert.DoesNotContain("above target 70", row.Alerts);
    }

    [Fact]
    public void Guardrails_within_targets_raise_nothing()
    {
        var kpis = KpiRow.From(CampaignId.ToString(), "Leads", "USD", new KpiSums(0, 100, 100, 25, 5, 30, 5000m, 1000m, 0));
        var row = GetGuardrails.Evaluate(Campaign(new TargetTerms(250m, 50m, 4m, 500m, 0.10m)), kpis, CustomerFacts.None);
        Assert.Equal((40m, 200m, 5m), (row.Cpl!.Value, row.Cpa!.Value, row.Roas!.Value));
        Assert.False(row.OverTarget);
        Assert.Equal("", row.Alerts);
    }

    [Fact]
    public void Ltv_lead_to_customer_rate_and_cost_to_close_come_from_offline_conversions()
    {
        var lead1 = Guid.NewGuid();
        var lead2 = Guid.NewGuid();
        var facts = CustomerFacts.Of([
            Conversion("lead", 0m, null), Conversion("lead", 0m, null),
            Conversion("sale", 300m, "alice", lead1), Conversion("sale", 200m, "alice"), Conversion("sale", 100m, "bob", lead2),
            Conversion("sale", 999m, "carol", Guid.NewGuid(), reversed: true),
        ]);
        Assert.Equal((2L, 2L, 600m), (facts.Customers, facts.ClosedLeads, facts.CustomerRevenue));

        var kpis = KpiRow.From(CampaignId.ToString(), "Leads", "USD", new KpiSums(0, 100, 100, 20, 3, 23, 600m, 400m, 0));
        var row = GetGuardrails.Evaluate(Campaign(new TargetTerms(null, null, null, 500m, null)), kpis, facts);
        Assert.Equal(300m, row.Ltv);                 // $600 / 2 customers
        Assert.Equal(0.1m, row.LeadToCustomerRate);  // 2 closed of 20 leads
        Assert.Equal(200m, row.CostToClose);         // $400 / 2 closed leads
        Assert.Equal(50m, row.MaxAffordableCpl);     // $500 × observed 10%
    }

    [Fact]
    public void Blended_rows_put_platform_figures_beside_first_party_with_the_discrepancy()
    {
        var ours = new CellTotals(CampaignId, null, null, Day, null, "USD", 0, 100, 100, 0, 8, 8, 400m, 30m, 20m);
        var theirs = new PlatformDay(PlatformDay.IdOf(CampaignId, Day), CampaignId, Day, 100m, 10m, 500m, "USD", DateTimeOffset.UnixEpoch);
        var onlyTheirs = theirs with { Day = Day.AddDays(1), Id = PlatformDay.IdOf(CampaignId, Day.AddDays(1)) };

        var rows = GetBlended.Rows([ours], [theirs, onlyTheirs]);

        Assert.Equal(2, rows.Count);
        Assert.Equal((100m, 10m, 500m), (rows[0].PlatformSpend!.Value, rows[0].PlatformConversions!.Value, rows[0].PlatformRevenue!.Value));
        Assert.Equal((50m, 8m, 400m, 150m), (rows[0].FirstPartySpend, rows[0].FirstPartyConversions, rows[0].FirstPartyRevenue, rows[0].TotalSpend));
        Assert.Equal(25m, rows[0].ConversionsDiscrepancyPercent);  // (10 − 8) / 8
        Assert.Equal(25m, rows[0].RevenueDiscrepancyPercent);      // (500 − 400) / 400
        Assert.Null(rows[1].ConversionsDiscrepancyPercent);        // no first-party conversions that day
    }

    [Fact]
    public void Csv_has_the_json_names_and_escapes_separators_and_quotes()
    {
        var csv = ReportResults.ToCsv([KpiRow.Zero("k1", "Sale, \"big\"", "USD") with { Clicks = 3, Ctr = 0.5m }]);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("key,label,currency,impressions,clicks,billableClicks,leads,sales,conversions,revenue,spend,ctr,cvr,cpc,cpa,cpl,cpm,roas,epc", lines[0]);
        Assert.Equal("k1,\"Sale, \"\"big\"\"\",USD,0,3,0,0,0,0,0,0,0.5,,,,,,,", lines[1]);
    }
}
