using Marten;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Reporting.Campaigns;
using PerfSuite.Reporting.Cube;

namespace PerfSuite.Reporting.Reports.GettingKpis;

/// <summary>
/// One KPI row: a group key (and its label), in one currency. Leads, sales and conversions are credit-weighted
/// (see <see cref="KpiCell"/>), so they can be fractional per affiliate or variant; per campaign they are whole.
/// </summary>
public sealed record KpiRow(
    string Key,
    string? Label,
    string? Currency,
    long Impressions,
    long Clicks,
    long BillableClicks,
    decimal Leads,
    decimal Sales,
    decimal Conversions,
    decimal Revenue,
    decimal Spend,
    decimal? Ctr,
    decimal? Cvr,
    decimal? Cpc,
    decimal? Cpa,
    decimal? Cpl,
    decimal? Cpm,
    decimal? Roas,
    decimal? Epc)
{
    public static KpiRow Zero(string key, string? label, string? currency) => From(key, label, currency, KpiSums.Zero);

    public static KpiRow From(string key, string? label, string? currency, KpiSums s)
    {
        var leads = Kpis.Count(s.Leads);
        var sales = Kpis.Count(s.Sales);
        var conversions = Kpis.Count(s.Conversions);
        var revenue = Kpis.Amount(s.Revenue);
        var spend = Kpis.Amount(s.Spend);
        var earnings = Kpis.Amount(s.AffiliateEarnings);
        return new(key, label, currency, s.Impressions, s.Clicks, s.BillableClicks, leads, sales, conversions, revenue, spend,
            Kpis.Ctr(s.Clicks, s.Impressions), Kpis.Cvr(conversions, s.Clicks), Kpis.Cpc(spend, s.Clicks), Kpis.Cpa(spend, sales),
            Kpis.Cpl(spend, leads), Kpis.Cpm(spend, s.Impressions), Kpis.Roas(revenue, spend), Kpis.Epc(earnings, s.Clicks));
    }
}

/// <summary>Additive totals behind a KPI row. Spend = affiliate earnings (CPC/CPM traffic cost + commissions) + platform cost.</summary>
public sealed record KpiSums(long Impressions, long Clicks, long BillableClicks, decimal Leads, decimal Sales, decimal Conversions,
    decimal Revenue, decimal AffiliateEarnings, decimal PlatformSpend)
{
    public static readonly KpiSums Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public decimal Spend => AffiliateEarnings + PlatformSpend;

    public static KpiSums Of(CellTotals t) =>
        new(t.Impressions, t.Clicks, t.BillableClicks, t.Leads, t.Sales, t.Conversions, t.Revenue, t.AffiliateEarnings, 0);

    public static KpiSums operator +(KpiSums a, KpiSums b) =>
        new(a.Impressions + b.Impressions, a.Clicks + b.Clicks, a.BillableClicks + b.BillableClicks, a.Leads + b.Leads, a.Sales + b.Sales,
            a.Conversions + b.Conversions, a.Revenue + b.Revenue, a.AffiliateEarnings + b.AffiliateEarnings, a.PlatformSpend + b.PlatformSpend);
}

public static class GetKpis
{
    /// <summary>The group key of cube totals without an affiliate or a variant (untracked affiliate, the campaign's own landing, platform cost).</summary>
    public const string NoneKey = "none";

    public static readonly string[] GroupBys = ["campaign", "channel", "affiliate", "variant", "day"];

    public static void MapGetKpis(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/reports/kpis", async (string? groupBy, DateOnly? from, DateOnly? to, Guid? campaignId, HttpContext http,
                IQuerySession session, CancellationToken ct) =>
            {
                groupBy ??= "campaign";
                var v = new Validator().OneOf("groupBy", groupBy, GroupBys);
                v.When(from is { } f && to is { } t && t < f, "to", "must not be before from");
                if (!v.IsValid) return v.ToProblem();

                var rows = await BuildAsync(session, groupBy, new CubeFilter(from, to, campaignId), ct);
                return ReportResults.Rows(http, rows);
            })
            .RequireAuthorization(Policies.Reader)
            .WithName("GetKpis");

    public static async Task<IReadOnlyList<KpiRow>> BuildAsync(IQuerySession session, string groupBy, CubeFilter filter, CancellationToken ct)
    {
        var keep = groupBy switch
        {
            "affiliate" => CubeDimensions.Affiliate,
            "variant" => CubeDimensions.Variant,
            "day" => CubeDimensions.Day,
            _ => CubeDimensions.None,
        };
        var campaigns = (await session.Query<ReportCampaign>()
                .Where(c => filter.CampaignId == null || c.Id == filter.CampaignId)
                .ToListAsync(ct))
            .ToDictionary(c => c.Id);
        var totals = await CubeQueries.TotalsAsync(session, filter, keep, ct);
        var platform = await CubeQueries.PlatformDaysAsync(session, filter, ct);

        (string Key, string? Label) KeyOf(Guid campaignId, Guid? affiliateId, Guid? variantId, DateOnly? day)
        {
            campaigns.TryGetValue(campaignId, out var campaign);
            return groupBy switch
            {
                "campaign" => (campaignId.ToString(), campaign?.Name),
                "channel" => (campaign?.Channel ?? "unknown", campaign?.Channel),
                "affiliate" => (affiliateId?.ToString() ?? NoneKey, null),
                "variant" => (variantId?.ToString() ?? NoneKey, campaign?.VariantName(variantId) ?? (variantId is null ? "original landing" : null)),
                _ => (day?.ToString("yyyy-MM-dd") ?? NoneKey, null),
            };
        }

        var groups = new Dictionary<(string Key, string Currency), (string? Label, KpiSums Sums)>();
        void Add((string Key, string? Label) key, string currency, KpiSums sums)
        {
            var slot = (key.Key, currency);
            groups[slot] = groups.TryGetValue(slot, out var existing)
                ? (existing.Label ?? key.Label, existing.Sums + sums)
                : (key.Label, sums);
        }

        if (groupBy is "campaign" or "channel")
            foreach (var campaign in campaigns.Values)
                Add(KeyOf(campaign.Id, null, null, null), campaign.Currency, KpiSums.Zero);
        foreach (var t in totals)
            Add(KeyOf(t.CampaignId, t.AffiliateId, t.VariantId, t.Day), t.Currency, KpiSums.Of(t));
        foreach (var p in platform)
            Add(KeyOf(p.CampaignId, null, null, p.Day), p.Currency, KpiSums.Zero with { PlatformSpend = p.Spend });

        return groups
            .OrderBy(g => groupBy == "campaign" ? g.Value.Label ?? g.Key.Key : g.Key.Key, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
            .Select(g => KpiRow.From(g.Key.Key, g.Value.Label, g.Key.Currency, g.Value.Sums))
            .ToList();
    }
}
