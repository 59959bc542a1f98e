using JasperFx.Events;
using PerfSuite.Contracts;
using PerfSuite.Conversions.Tracking;

namespace PerfSuite.Conversions.Tests.Tracking;

public sealed class TrafficAggregatedTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 3, 10);
    private static readonly Guid Campaign = Guid.NewGuid();

    private static TrafficHit Hit(HitKind kind, Guid link, Guid affiliate, bool billable, decimal spend, bool holdout = false) => new()
    {
        Kind = kind, Id = Guid.NewGuid(), TenantId = "t", CampaignId = Campaign, Currency = "USD", LinkId = link, AffiliateId = affiliate,
        VisitorId = "v", At = Now, Day = Day, Billable = billable, Holdout = holdout, Spend = spend, SpendKind = "cpc",
    };

    [Fact]
    public void Counts_clicks_and_impressions_per_link_and_holdout_and_publishes_spend_per_affiliate()
    {
        var (linkA, linkB, affA, affB) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var batch = TrafficAggregated.From([
            Hit(HitKind.Click, linkA, affA, true, 0.5m),
            Hit(HitKind.Click, linkA, affA, false, 0m),
            Hit(HitKind.Impression, linkA, affA, true, 0m),
            Hit(HitKind.Click, linkA, affA, false, 0m, holdout: true),
            Hit(HitKind.Click, linkB, affB, true, 0.5m),
        ], Now);

        var aggregated = Assert.Single(batch);
        var exposedA = aggregated.Counts.Single(c => c.LinkId == linkA && !c.Holdout);
        Assert.Equal(new TrafficCount(linkA, affA, null, Day, false, 2, 1, 1, 1, 0.5m), exposedA);
        Assert.Equal(1, aggregated.Counts.Single(c => c.LinkId == linkA && c.Holdout).Clicks);

        var translated = new ConversionsIntegrationEvents().Translate(new Event<TrafficAggregated>(aggregated)).ToList();
        var traffic = Assert.IsType<TrafficRecorded>(translated[0]);
        Assert.Equal(3, traffic.Counts.Count);
        var spend = translated.OfType<SpendRecorded>().OrderBy(s => s.AffiliateId == affA ? 0 : 1).ToList();
        Assert.Equal([(affA, 0.5m, "cpc"), (affB, 0.5m, "cpc")], spend.Select(s => (s.AffiliateId!.Value, s.Amount, s.Kind)));
    }
}
