using Marten;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Reporting.Campaigns;
using PerfSuite.Reporting.Cube;

namespace PerfSuite.Reporting.Reports.MyStats;

/// <summary>An affiliate's own figures per campaign and currency: earnings are its CPC/CPM traffic cost plus its commissions.</summary>
public sealed record AffiliateStatsRow(Guid CampaignId, string? CampaignName, string Currency, long Clicks, decimal Conversions, decimal Earnings, decimal? Epc);

public static class GetMyStats
{
    public static void MapGetMyStats(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/me/stats", async (DateOnly? from, DateOnly? to, HttpContext http, IQuerySession session, CancellationToken ct) =>
            {
                var v = new Validator();
                v.When(from is { } f && to is { } t && t < f, "to", "must not be before from");
                if (!v.IsValid) return v.ToProblem();

                var affiliateId = http.User.Caller().AffiliateId!.Value;
                var totals = await CubeQueries.TotalsAsync(session, new CubeFilter(from, to, AffiliateId: affiliateId), CubeDimensions.None, ct);
                var campaignIds = totals.Select(t => t.CampaignId).Distinct().ToList();
                var names = (await session.Query<ReportCampaign>().Where(c => campaignIds.Contains(c.Id)).ToListAsync(ct)).ToDictionary(c => c.Id, c => c.Name);
                var rows = totals
                    .Select(t =>
                    {
                        var earnings = Kpis.Amount(t.AffiliateEarnings);
                        return new AffiliateStatsRow(t.CampaignId, names.GetValueOrDefault(t.CampaignId), t.Currency, t.Clicks, Kpis.Count(t.Conversions),
                            earnings, Kpis.Epc(earnings, t.Clicks));
                    })
                    .OrderBy(r => r.CampaignName, StringComparer.Ordinal).ThenBy(r => r.Currency, StringComparer.Ordinal)
                    .ToList();
                return ReportResults.Rows(http, rows);
            })
            .RequireAuthorization(Policies.Affiliate)
            .WithName("GetMyStats");
}
