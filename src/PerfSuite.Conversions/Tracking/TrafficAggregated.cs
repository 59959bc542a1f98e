using PerfSuite.Contracts;

namespace PerfSuite.Conversions.Tracking;

/// <summary>
/// The clicks and impressions of one campaign, counted per link, variant, day and holdout flag. A group commit stores
/// its batch's counts as pending rows beside the clicks; <see cref="TrafficPublisher"/> merges what is pending every
/// few hundred milliseconds into one such Marten event per campaign, in the transaction that takes the rows. The relay
/// turns it into <see cref="TrafficRecorded"/> and one <see cref="SpendRecorded"/> per affiliate and day.
/// </summary>
public sealed record TrafficAggregated(Guid CampaignId, string Currency, string SpendKind, IReadOnlyList<TrafficCount> Counts, DateTimeOffset RecordedAt)
{
    public static IReadOnlyList<TrafficAggregated> From(IEnumerable<TrafficHit> hits, DateTimeOffset now) =>
        Merge(hits.Select(h => new TrafficAggregated(h.CampaignId, h.Currency, h.SpendKind,
        [
            new TrafficCount(h.LinkId, h.AffiliateId, h.VariantId, h.Day, h.Holdout,
                Clicks: h.Kind == HitKind.Click ? 1 : 0,
                BillableClicks: h.Kind == HitKind.Click && h.Billable ? 1 : 0,
                Impressions: h.Kind == HitKind.Impression ? 1 : 0,
                BillableImpressions: h.Kind == HitKind.Impression && h.Billable ? 1 : 0,
                Spend: h.Spend),
        ], now)), now);

    /// <summary>Counts of the same campaign (from several batches) as one aggregate per campaign.</summary>
    public static IReadOnlyList<TrafficAggregated> Merge(IEnumerable<TrafficAggregated> parts, DateTimeOffset now) =>
        parts.GroupBy(p => p.CampaignId)
            .Select(campaign => new TrafficAggregated(
                campaign.Key,
                campaign.First().Currency,
                campaign.First().SpendKind,
                campaign.SelectMany(p => p.Counts)
                    .GroupBy(c => (c.LinkId, c.AffiliateId, c.VariantId, c.Day, c.Holdout))
                    .Select(g => new TrafficCount(g.Key.LinkId, g.Key.AffiliateId, g.Key.VariantId, g.Key.Day, g.Key.Holdout,
                        Clicks: g.Sum(c => c.Clicks),
                        BillableClicks: g.Sum(c => c.BillableClicks),
                        Impressions: g.Sum(c => c.Impressions),
                        BillableImpressions: g.Sum(c => c.BillableImpressions),
                        Spend: g.Sum(c => c.Spend)))
                    .ToList(),
                now))
            .ToList();

    public IEnumerable<SpendRecorded> Spend() =>
        Counts.Where(c => c.Spend != 0)
            .GroupBy(c => (c.AffiliateId, c.Day))
            .Select(g => new SpendRecorded(CampaignId, g.Key.AffiliateId, SpendKind, g.Sum(c => c.Spend), Currency, g.Key.Day, RecordedAt));
}
