using PerfSuite.Contracts;

namespace PerfSuite.Conversions.LiveCampaigns;

/// <summary>
/// The Conversions service's copy of a campaign, kept current by Campaigns' integration events and stored (one
/// document per campaign, tenant-scoped) so that the in-memory view can be rebuilt at start. Events arrive on
/// separate queues, so out of order: links are only ever added (a link created before the launch is kept
/// until the terms arrive), and terms or status older than <see cref="ChangedAt"/> are ignored.
/// </summary>
public sealed record LiveCampaign(Guid Id, string TenantId, CampaignTerms? Terms, IReadOnlyList<TrackingLinkTerms> Links, DateTimeOffset ChangedAt)
{
    /// <summary>When this copy was last written; other replicas reload copies stored since their last look.</summary>
    public DateTimeOffset StoredAt { get; init; }

    /// <summary>The terms the click path uses, with every link known so far; null before the launch.</summary>
    public CampaignTerms? Current => Terms is null ? null : Terms with { Links = Links };

    public LiveCampaign WithLinks(IEnumerable<TrackingLinkTerms> links) =>
        this with { Links = [.. Links, .. links.Where(l => Links.All(known => known.LinkId != l.LinkId))] };
}
