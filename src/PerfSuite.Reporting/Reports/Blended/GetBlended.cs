using Marten;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Reporting.Cube;

namespace PerfSuite.Reporting.Reports.Blended;

/// <summary>
/// Platform-reported vs first-party figures for one campaign and day. Discrepancy % = (platform − first party) / first party × 100
/// (null when first party is zero). First-party spend is affiliate earnings; total spend adds the platform's spend.
/// </summary>
public sealed record BlendedRow(
    Guid CampaignId,
    string Day,
    string Currency,
    decimal? PlatformSpend,
    decimal? PlatformConversions,
    decimal? PlatformRevenue,
    decimal FirstPartySpend,
    decimal FirstPartyConversions,
    decimal FirstPartyRevenue,
    decimal TotalSpend,
    decimal? ConversionsDiscrepancyPercent,
    decimal? RevenueDiscrepancyPercent);

public static class GetBlended
{
    public static void MapGetBlended(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/reports/blended", async (Guid? campaignId, DateOnly? from, DateOnly? to, HttpContext http, IQuerySession session, CancellationToken ct) =>
            {
                var v = new Validator();
                v.When(from is { } f && to is { } t && t < f, "to", "must not be before from");
                if (!v.IsValid) return v.ToProblem();
                var filter = new CubeFilter(from, to, campaignId);
                var totals = await CubeQueries.TotalsAsync(session, filter, CubeDimensions.Day, ct);
                var platform = await CubeQueries.PlatformDaysAsync(session, filter, ct);
                return ReportResults.Rows(http, Rows(totals, platform));
            })
            .RequireAuthorization(Policies.Reader)
            .WithName("GetBlended");

    public static IReadOnlyList<BlendedRow> Rows(IReadOnlyList<CellTotals> firstParty, IReadOnlyList<Platform.PlatformDay> platform)
    {
        var ours = firstParty.Where(t => t.Day is not null).ToDictionary(t => (t.CampaignId, Day: t.Day!.Value, t.Currency));
        var theirs = platform.ToDictionary(p => (p.CampaignId, p.Day, p.Currency));
        return ours.Keys.Union(theirs.Keys)
            .OrderBy(k => k.CampaignId).ThenBy(k => k.Day).ThenBy(k => k.Currency, StringComparer.Ordinal)
            .Select(k =>
            {
                ours.TryGetValue(k, out var o);
                theirs.TryGetValue(k, out var p);
                var spend = Kpis.Amount(o?.AffiliateEarnings ?? 0);
                var conversions = Kpis.Count(o?.Conversions ?? 0);
                var revenue = Kpis.Amount(o?.Revenue ?? 0);
                return new BlendedRow(k.CampaignId, k.Day.ToString("yyyy-MM-dd"), k.Currency, p?.Spend, p?.Conversions, p?.Revenue,
                    spend, conversions, revenue, spend + (p?.Spend ?? 0),
                    DiscrepancyPercent(p?.Conversions, conversions), DiscrepancyPercent(p?.Revenue, revenue));
            })
            .ToList();
    }

    public static decimal? DiscrepancyPercent(decimal? platform, decimal firstParty) =>
        platform is { } p ? Kpis.Ratio((p - firstParty) * 100, firstParty) : null;
}
