using Marten;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Reporting.Campaigns;
using PerfSuite.Reporting.Cube;
using PerfSuite.Reporting.Reports.GettingKpis;
using PerfSuite.Reporting.Reports.Statistics;

namespace PerfSuite.Reporting.Reports.Experiments;

public sealed record VariantResult(
    string Key,
    string Name,
    bool Control,
    long Clicks,
    decimal Conversions,
    double? Cvr,
    double? LiftVsControl,
    double? Z,
    double? PValue,
    bool Significant,
    string Verdict);

public sealed record VariantCounts(string Key, string Name, long Clicks, decimal Conversions);

public static class GetExperiment
{
    public const string NotEnoughData = "not enough data";
    public const string NoDifference = "no significant difference";

    public static void MapGetExperiment(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/reports/experiments/{campaignId:guid}", async (Guid campaignId, DateOnly? from, DateOnly? to, HttpContext http,
                IQuerySession session, CancellationToken ct) =>
            {
                var campaign = await session.LoadAsync<ReportCampaign>(campaignId, ct);
                if (campaign is null) return ProblemResults.NotFound($"Campaign {campaignId}");
                var totals = await CubeQueries.TotalsAsync(session, new CubeFilter(from, to, campaignId), CubeDimensions.Variant | CubeDimensions.Holdout, ct);
                return ReportResults.Rows(http, Evaluate(Counts(campaign, totals.Where(t => t.Holdout != true))));
            })
            .RequireAuthorization(Policies.Reader)
            .WithName("GetExperiment");

    /// <summary>Clicks and conversions per variant (holdout traffic excluded), in the campaign's variant order, the original landing first.</summary>
    public static IReadOnlyList<VariantCounts> Counts(ReportCampaign campaign, IEnumerable<CellTotals> exposed)
    {
        var byVariant = exposed.GroupBy(t => t.VariantId).ToDictionary(g => g.Key ?? Guid.Empty, g => (Clicks: g.Sum(t => t.Clicks), Conversions: g.Sum(t => t.Conversions)));
        var result = new List<VariantCounts>();
        if (byVariant.TryGetValue(Guid.Empty, out var original) && original.Clicks > 0)
            result.Add(new VariantCounts(GetKpis.NoneKey, "original landing", original.Clicks, Kpis.Count(original.Conversions)));
        foreach (var variant in campaign.Variants ?? [])
        {
            byVariant.TryGetValue(variant.VariantId, out var counts);
            result.Add(new VariantCounts(variant.VariantId.ToString(), variant.Name, counts.Clicks, Kpis.Count(counts.Conversions)));
        }
        return result;
    }

    /// <summary>The first variant is the control (the original landing when it had traffic); every other is tested against it.</summary>
    public static IReadOnlyList<VariantResult> Evaluate(IReadOnlyList<VariantCounts> variants)
    {
        if (variants.Count == 0) return [];
        var control = variants[0];
        double x1 = (double)control.Conversions, n1 = control.Clicks;
        double? controlCvr = n1 > 0 ? x1 / n1 : null;
        var results = new List<VariantResult> { new(control.Key, control.Name, true, control.Clicks, control.Conversions, controlCvr, null, null, null, false, "control") };
        foreach (var v in variants.Skip(1))
        {
            double x2 = (double)v.Conversions, n2 = v.Clicks;
            double? cvr = n2 > 0 ? x2 / n2 : null;
            double? lift = cvr is { } c && controlCvr is { } cc && cc > 0 ? (c - cc) / cc : null;
            var test = Significance.TwoProportion(x1, n1, x2, n2);
            var verdict = !Significance.EnoughData(x1, n1, x2, n2) || test is null ? NotEnoughData
                : !test.Significant ? NoDifference
                : test.Z > 0 ? $"{v.Name} beats {control.Name}"
                : $"{control.Name} beats {v.Name}";
            results.Add(new VariantResult(v.Key, v.Name, false, v.Clicks, v.Conversions, cvr, lift, test?.Z, test?.PValue, test?.Significant ?? false, verdict));
        }
        return results;
    }
}
