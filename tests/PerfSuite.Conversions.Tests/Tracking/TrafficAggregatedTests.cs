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

    [Fact]
    public void Pending_counts_of_several_batches_merge_into_one_aggregate_per_campaign_with_the_sums_per_key()
    {
        var (link, affiliate) = (Guid.NewGuid(), Guid.NewGuid());
        var first = TrafficAggregated.From([Hit(HitKind.Click, link, affiliate, true, 0.5m), Hit(HitKind.Impression, link, affiliate, true, 0m)], Now);
        var second = TrafficAggregated.From([Hit(HitKind.Click, link, affiliate, true, 0.5m), Hit(HitKind.Click, link, affiliate, false, 0m, holdout: true)], Now);
        var otherCampaign = new TrafficAggregated(Guid.NewGuid(), "EUR", "cpm", [new TrafficCount(link, affiliate, null, Day, false, 0, 0, 7, 7, 0.07m)], Now);

        var merged = TrafficAggregated.Merge([.. first, otherCampaign, .. second], Now.AddSeconds(1));

        Assert.Equal(2, merged.Count);
        var campaign = merged.Single(m => m.CampaignId == Campaign);
        Assert.Equal(Now.AddSeconds(1), campaign.RecordedAt);
        Assert.Equal(new TrafficCount(link, affiliate, null, Day, false, 2, 2, 1, 1, 1.0m), campaign.Counts.Single(c => !c.Holdout));
        Assert.Equal(new TrafficCount(link, affiliate, null, Day, true, 1, 0, 0, 0, 0m), campaign.Counts.Single(c => c.Holdout));
        Assert.Equal(otherCampaign.Counts, merged.Single(m => m.CampaignId == otherCampaign.CampaignId).Counts);
        Assert.Equal(("EUR", "cpm"), (merged.Single(m => m.CampaignId == otherCampaign.CampaignId).Currency, merged.Single(m => m.CampaignId == otherCampaign.CampaignId).SpendKind));
    }
}
