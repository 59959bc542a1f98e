namespace PerfSuite.Campaigns.Budgets;

/// <summary>
/// What a campaign has spent, in its currency: in total and per tenant-local day, as reported by Conversions
/// (cpc, cpm) and Affiliates (cpa, cpl, revshare; negative on reversal). A document beside the campaign stream,
/// so that a stream of spend never bumps the campaign's version (and never makes an agency's If-Match stale).
/// </summary>
public sealed record CampaignSpend(Guid Id, decimal Total, IReadOnlyDictionary<DateOnly, decimal> Days)
{
    public static CampaignSpend None(Guid campaignId) => new(campaignId, 0m, new Dictionary<DateOnly, decimal>());

    public decimal On(DateOnly day) => Days.GetValueOrDefault(day);

    public CampaignSpend Add(DateOnly day, decimal amount) =>
        this with { Total = Total + amount, Days = new Dictionary<DateOnly, decimal>(Days) { [day] = On(day) + amount } };
}
