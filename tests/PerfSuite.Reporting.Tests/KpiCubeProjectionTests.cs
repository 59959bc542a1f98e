using JasperFx.Events;
using PerfSuite.Contracts;
using PerfSuite.Reporting.Cube;

namespace PerfSuite.Reporting.Tests;

/// <summary>Given contract events → then cube cells, through the projection's own Evolve.</summary>
public sealed class KpiCubeProjectionTests
{
    private static readonly Guid Campaign = Guid.NewGuid(), Link1 = Guid.NewGuid(), Link2 = Guid.NewGuid();
    private static readonly Guid Aff1 = Guid.NewGuid(), Aff2 = Guid.NewGuid(), VariantB = Guid.NewGuid();
    private static readonly DateOnly Day1 = new(2026, 11, 1), Day2 = new(2026, 11, 2);
    private static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, KpiCell> Project(params object[] events)
    {
        var projection = new KpiCubeProjection();
        var cells = new Dictionary<string, KpiCell>();
        foreach (var data in events)
        {
            var e = Wrap(data);
            foreach (var id in KpiFacts.From(data).Select(f => f.CellId).Distinct())
            {
                var evolved = projection.Evolve(cells.GetValueOrDefault(id), id, e);
                if (evolved is not null) cells[id] = evolved;
            }
        }
        return cells;
    }

    private static IEvent Wrap(object data) => (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;

    private static ConversionAttributed Sale(decimal amount, DateOnly day, params Credit[] credits) =>
        new(Guid.NewGuid(), Campaign, "sale", amount, "USD", null, null, Guid.NewGuid().ToString(), "cust-1", "v1", At, day, "affiliate", "linear",
            credits, [], false, true, [], new PayoutTerms("cpa", 10m, null), null);

    private static Credit CreditTo(Guid affiliate, Guid link, decimal weight, Guid? variant = null) => new(Guid.NewGuid(), link, affiliate, variant, weight);

    [Fact]
    public void Traffic_counts_land_in_their_affiliate_variant_day_and_holdout_cells()
    {
        var cells = Project(new TrafficRecorded(Campaign, "USD", [
            new TrafficCount(Link1, Aff1, null, Day1, false, 10, 8, 100, 100, 4m),
            new TrafficCount(Link1, Aff1, VariantB, Day1, false, 5, 5, 0, 0, 2.5m),
            new TrafficCount(Link1, Aff1, null, Day1, true, 2, 0, 0, 0, 0m),
        ], At), new TrafficRecorded(Campaign, "USD", [new TrafficCount(Link1, Aff1, null, Day1, false, 1, 1, 10, 10, 0.5m)], At));

        Assert.Equal(3, cells.Count);
        var exposed = cells[KpiFact.CellIdOf(Campaign, Aff1, null, Day1, false, "USD")];
        Assert.Equal((11L, 9L, 110L, 4.5m), (exposed.Clicks, exposed.BillableClicks, exposed.Impressions, exposed.TrafficSpend));
        Assert.Equal(5, cells[KpiFact.CellIdOf(Campaign, Aff1, VariantB, Day1, false, "USD")].Clicks);
        Assert.Equal(2, cells[KpiFact.CellIdOf(Campaign, Aff1, null, Day1, true, "USD")].Clicks);
    }

    [Fact]
    public void A_split_conversion_counts_its_credit_weight_to_each_affiliate()
    {
        var cells = Project(Sale(100m, Day1, CreditTo(Aff1, Link1, 0.5m), CreditTo(Aff2, Link2, 0.5m)));

        var first = cells[KpiFact.CellIdOf(Campaign, Aff1, null, Day1, false, "USD")];
        var second = cells[KpiFact.CellIdOf(Campaign, Aff2, null, Day1, false, "USD")];
        Assert.Equal((0.5m, 0.5m, 0m, 50m), (first.Conversions, first.Sales, first.Leads, first.Revenue));
        Assert.Equal((0.5m, 50m), (second.Conversions, second.Revenue));
    }

    [Fact]
    public void Two_touches_of_one_affiliate_make_one_fact()
    {
        var facts = KpiFacts.From(Sale(90m, Day1, CreditTo(Aff1, Link1, 0.4m), CreditTo(Aff1, Link1, 0.6m)));
        var fact = Assert.Single(facts);
        Assert.Equal((1m, 90m), (fact.Conversions, fact.Revenue));
    }

    [Fact]
    public void A_reversed_conversion_leaves_the_counts_and_revenue_of_its_original_day()
    {
        var sale = Sale(80m, Day1, CreditTo(Aff1, Link1, 1m));
        var other = Sale(20m, Day1, CreditTo(Aff1, Link1, 1m));
        var cells = Project(sale, other,
            new ConversionReversed(sale.ConversionId, Campaign, "sale", 80m, "USD", Day1, sale.Credits, false, "refund", At.AddDays(1)));

        var cell = Assert.Single(cells.Values);
        Assert.Equal((1m, 1m, 20m), (cell.Conversions, cell.Sales, cell.Revenue));
        Assert.Equal(Day1, cell.Day);
    }

    [Fact]
    public void Leads_and_other_types_count_as_conversions_but_not_as_sales()
    {
        var lead = Sale(0m, Day2, CreditTo(Aff1, Link1, 1m)) with { Type = "lead" };
        var install = Sale(0m, Day2, CreditTo(Aff1, Link1, 1m)) with { Type = "install" };
        var cell = Assert.Single(Project(lead, install).Values);
        Assert.Equal((1m, 0m, 2m), (cell.Leads, cell.Sales, cell.Conversions));
    }

    [Fact]
    public void Cpc_and_cpm_spend_is_taken_from_traffic_only_and_commissions_from_spend_recorded()
    {
        var cells = Project(
            new TrafficRecorded(Campaign, "USD", [new TrafficCount(Link1, Aff1, null, Day1, false, 10, 10, 0, 0, 5m)], At),
            new SpendRecorded(Campaign, Aff1, "cpc", 5m, "USD", Day1, At),
            new SpendRecorded(Campaign, Aff1, "cpa", 12m, "USD", Day1, At),
            new SpendRecorded(Campaign, Aff1, "cpa", -12m, "USD", Day1, At),
            new SpendRecorded(Campaign, Aff1, "revshare", 3m, "USD", Day1, At));

        var cell = Assert.Single(cells.Values);
        Assert.Equal(5m, cell.TrafficSpend);
        Assert.Equal(3m, cell.CommissionSpend);
    }

    [Fact]
    public void Currencies_are_never_mixed_in_one_cell()
    {
        var cells = Project(
            new SpendRecorded(Campaign, Aff1, "cpa", 10m, "USD", Day1, At),
            new SpendRecorded(Campaign, Aff1, "cpa", 10m, "EUR", Day1, At));
        Assert.Equal(["EUR", "USD"], cells.Values.Select(c => c.Currency).Order());
    }

    [Fact]
    public void A_conversion_without_credits_is_counted_for_no_affiliate()
    {
        var fact = Assert.Single(KpiFacts.From(Sale(40m, Day1)));
        Assert.Null(fact.AffiliateId);
        Assert.Equal((1m, 40m), (fact.Conversions, fact.Revenue));
    }

    [Fact]
    public void The_campaign_day_rollup_sums_affiliates_and_variants_from_the_same_facts()
    {
        var traffic = new TrafficRecorded(Campaign, "USD", [
            new TrafficCount(Link1, Aff1, null, Day1, false, 10, 10, 0, 0, 1m),
            new TrafficCount(Link2, Aff2, VariantB, Day1, false, 5, 5, 0, 0, 2m),
        ], At);
        var sale = Sale(100m, Day1, CreditTo(Aff1, Link1, 0.5m), CreditTo(Aff2, Link2, 0.5m, VariantB));
        var projection = new KpiCampaignDayProjection();
        var id = KpiFact.CellIdOf(Campaign, null, null, Day1, false, "USD");

        var cell = projection.Evolve(projection.Evolve(null, id, Wrap(traffic)), id, Wrap(sale))!;

        Assert.IsType<KpiCampaignDay>(cell);
        Assert.Equal((15L, 3m, 1m, 100m), (cell.Clicks, cell.TrafficSpend, cell.Conversions, cell.Revenue));
    }

    [Fact]
    public void Events_the_cube_does_not_need_change_nothing() =>
        Assert.Empty(KpiFacts.From(new CampaignPaused(Campaign, "manual", At)));
}
