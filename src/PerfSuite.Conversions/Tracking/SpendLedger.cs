using System.Collections.Concurrent;
using PerfSuite.Contracts;

namespace PerfSuite.Conversions.Tracking;

/// <summary>
/// The click path's own running spend per campaign (total and per day), seeded from the store at start.
/// A billable click or impression first reserves its cost here; when the cost would take the campaign past
/// its total or daily budget the hit is not billable and goes to the fallback. Overshoot within one replica
/// is therefore zero; across replicas it is bounded by what the other replicas reserve before Campaigns'
/// authoritative CampaignPaused(budget_exhausted) arrives.
/// </summary>
public sealed class SpendLedger
{
    private sealed class CampaignSpend
    {
        public decimal Total;
        public readonly Dictionary<DateOnly, decimal> Daily = [];
    }

    private readonly ConcurrentDictionary<(string Tenant, Guid Campaign), CampaignSpend> _spend = new();

    public void Seed(IEnumerable<(string Tenant, Guid Campaign, DateOnly Day, decimal Spend)> rows)
    {
        foreach (var (tenant, campaign, day, spend) in rows) Add(tenant, campaign, day, spend);
    }

    public bool TryReserve(string tenant, CampaignTerms campaign, DateOnly day, decimal amount)
    {
        if (amount == 0) return true;
        var spend = _spend.GetOrAdd((tenant, campaign.CampaignId), _ => new CampaignSpend());
        lock (spend)
        {
            var today = spend.Daily.GetValueOrDefault(day);
            if (campaign.Budget?.Total is { } total && spend.Total + amount > total) return false;
            if (campaign.Budget?.Daily is { } daily && today + amount > daily) return false;
            spend.Total += amount;
            spend.Daily[day] = today + amount;
            return true;
        }
    }

    public void Release(string tenant, Guid campaignId, DateOnly day, decimal amount) => Add(tenant, campaignId, day, -amount);

    private void Add(string tenant, Guid campaignId, DateOnly day, decimal amount)
    {
        var spend = _spend.GetOrAdd((tenant, campaignId), _ => new CampaignSpend());
        lock (spend)
        {
            spend.Total += amount;
            spend.Daily[day] = spend.Daily.GetValueOrDefault(day) + amount;
        }
    }
}
