using Marten;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Reporting.Campaigns;
using PerfSuite.Reporting.Cube;
using PerfSuite.Reporting.Reports.Statistics;

namespace PerfSuite.Reporting.Reports.Holdout;

/// <summary>Exposed vs holdout; the intervals are 95% (absolute: Wald; relative: log risk ratio, see <see cref="Significance.Holdout"/>).</summary>
public sealed record HoldoutReport(
    Guid CampaignId,
    decimal HoldoutPercent,
    long ExposedClicks,
    decimal ExposedConversions,
    double? ExposedCvr,
    long HoldoutClicks,
    decimal HoldoutConversions,
    double? HoldoutCvr,
    double? AbsoluteLift,
    double? AbsoluteLiftLower,
    double? AbsoluteLiftUpper,
    double? RelativeLift,
    double? RelativeLiftLower,
    double? RelativeLiftUpper,
    double? IncrementalConversions,
    bool Significant);

public static class GetHoldout
{
    public static void MapGetHoldout(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/reports/holdout/{campaignId:guid}", async (Guid campaignId, DateOnly? from, DateOnly? to, HttpContext http,
                IQuerySession session, CancellationToken ct) =>
            {
                var campaign = await session.LoadAsync<ReportCampaign>(campaignId, ct);
                if (campaign is null) return ProblemResults.NotFound($"Campaign {campaignId}");
                var totals = await CubeQueries.TotalsAsync(session, new CubeFilter(from, to, campaignId), CubeDimensions.Holdout, ct);
                return ReportResults.Single(http, Report(campaign, totals));
            })
            .RequireAuthorization(Policies.Reader)
            .WithName("GetHoldout");

    public static HoldoutReport Report(ReportCampaign campaign, IReadOnlyList<CellTotals> totals)
    {
        long exposedClicks = totals.Where(t => t.Holdout != true).Sum(t => t.Clicks), holdoutClicks = totals.Where(t => t.Holdout == true).Sum(t => t.Clicks);
        decimal exposedConversions = Kpis.Count(totals.Where(t => t.Holdout != true).Sum(t => t.Conversions));
        decimal holdoutConversions = Kpis.Count(totals.Where(t => t.Holdout == true).Sum(t => t.Conversions));
        var lift = Significance.Holdout((double)exposedConversions, exposedClicks, (double)holdoutConversions, holdoutClicks);
        return new HoldoutReport(campaign.Id, campaign.HoldoutPercent, exposedClicks, exposedConversions, lift.ExposedCvr,
            holdoutClicks, holdoutConversions, lift.HoldoutCvr, lift.AbsoluteLift, lift.AbsoluteLiftInterval?.Lower, lift.AbsoluteLiftInterval?.Upper,
            lift.RelativeLift, lift.RelativeLiftInterval?.Lower, lift.RelativeLiftInterval?.Upper, lift.IncrementalConversions,
            Significant: lift.RelativeLiftInterval is { } i && (i.Lower > 0 || i.Upper < 0));
    }
}
