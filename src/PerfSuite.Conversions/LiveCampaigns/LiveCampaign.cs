using PerfSuite.Contracts;

namespace PerfSuite.Conversions.LiveCampaigns;

/// <summary>
/// The Conversions service's copy of a campaign's terms, kept current by Campaigns' integration events.
/// Stored (one document per campaign, tenant-scoped) so that the in-memory view can be rebuilt at start.
/// </summary>
public sealed record LiveCampaign(Guid Id, string TenantId, CampaignTerms Terms)
{
    public bool IsActive => Terms.Status == "active";
}
