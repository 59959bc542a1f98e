using Marten;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Reporting.Campaigns;

namespace PerfSuite.Reporting.Reports.GettingKpis;

public sealed record KpiRow(
    string Key,
    string? Label,
    string? Currency,
    long Impressions,
    long Clicks,
    long Leads,
    long Sales,
    long Conversions,
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
    public static KpiRow Zero(string key, string? label, string? currency) =>
        From(key, label, currency, 0, 0, 0, 0, 0, 0, 0, 0);

    public static KpiRow From(string key, string? label, string? currency, long impressions, long clicks, long leads, long sales,
        long conversions, decimal revenue, decimal spend, decimal affiliateEarnings) =>
        new(key, label, currency, impressions, clicks, leads, sales, conversions, revenue, spend,
            Kpis.Ctr(clicks, impressions), Kpis.Cvr(conversions, clicks), Kpis.Cpc(spend, clicks), Kpis.Cpa(spend, sales),
            Kpis.Cpl(spend, leads), Kpis.Cpm(spend, impressions), Kpis.Roas(revenue, spend), Kpis.Epc(affiliateEarnings, clicks));
}

public static class GetKpis
{
    public static readonly string[] GroupBys = ["campaign", "channel", "affiliate", "variant", "day"];

    public static void MapGetKpis(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/reports/kpis", async (string? groupBy, DateOnly? from, DateOnly? to, Guid? campaignId, IQuerySession session, CancellationToken ct) =>
            {
                var v = new Validator().OneOf("groupBy", groupBy ?? "campaign", GroupBys);
                v.When(from is { } f && to is { } t && t < f, "to", "must not be before from");
                if (!v.IsValid) return v.ToProblem();

                var campaigns = await session.Query<ReportCampaign>()
                    .Where(c => campaignId == null || c.Id == campaignId)
                    .ToListAsync(ct);
                var rows = (groupBy ?? "campaign") switch
                {
                    "campaign" => campaigns.OrderBy(c => c.Name).Select(c => KpiRow.Zero(c.Id.ToString(), c.Name, c.Currency)),
                    "channel" => campaigns.GroupBy(c => (c.Channel, c.Currency)).Select(g => KpiRow.Zero(g.Key.Channel, g.Key.Channel, g.Key.Currency)),
                    _ => [],
                };
                return Results.Ok(rows.ToList());
            })
            .RequireAuthorization(Policies.Reader)
            .WithName("GetKpis");
}
