using System.Collections.Concurrent;
using PerfSuite.Contracts;

namespace PerfSuite.Conversions.LiveCampaigns;

/// <summary>One tracking link as the click path resolves it, with its campaign's terms at that moment.</summary>
public sealed record ResolvedLink(string TenantId, CampaignTerms Campaign, TrackingLinkTerms Link, TimeZoneInfo TimeZone);

/// <summary>
/// In-memory view of every tenant's campaigns, indexed by link code for the click path and by
/// (tenant, campaign) for conversions. Updated by the campaign event consumers, rebuilt from the stored
/// <see cref="LiveCampaign"/> documents at start. Entries are immutable records swapped atomically.
/// </summary>
public sealed class LiveCampaignView
{
    private readonly ConcurrentDictionary<string, ResolvedLink> _byCode = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Tenant, Guid Campaign), CampaignTerms> _byCampaign = new();
    private readonly Lock _writes = new();

    public ResolvedLink? Resolve(string code) => _byCode.GetValueOrDefault(code);

    public CampaignTerms? Find(string tenantId, Guid campaignId) => _byCampaign.GetValueOrDefault((tenantId, campaignId));

    public TimeZoneInfo TimeZoneOf(CampaignTerms campaign) => ZoneOf(campaign.TimeZone);

    public void Put(string tenantId, CampaignTerms terms)
    {
        var zone = ZoneOf(terms.TimeZone);
        lock (_writes)
        {
            if (_byCampaign.TryGetValue((tenantId, terms.CampaignId), out var previous))
                foreach (var gone in previous.Links.Where(l => terms.Links.All(n => n.Code != l.Code)))
                    _byCode.TryRemove(gone.Code, out _);
            _byCampaign[(tenantId, terms.CampaignId)] = terms;
            foreach (var link in terms.Links)
                _byCode[link.Code] = new ResolvedLink(tenantId, terms, link, zone);
        }
    }

    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    private static TimeZoneInfo ZoneOf(string id) => Zones.GetOrAdd(id, z =>
        TimeZoneInfo.TryFindSystemTimeZoneById(z, out var zone) ? zone : TimeZoneInfo.Utc);

    public static DateOnly DayIn(TimeZoneInfo zone, DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
}
