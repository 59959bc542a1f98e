using Marten;
using PerfSuite.BuildingBlocks.Attribution;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Contracts;
using PerfSuite.Reporting.Campaigns;
using PerfSuite.Reporting.Cube;
using PerfSuite.Reporting.Reports.GettingKpis;

namespace PerfSuite.Reporting.Reports.Attribution;

/// <summary>Credited conversions (sum of credit weights) and revenue (weight × amount) of one affiliate under each of the five models.</summary>
public sealed record AttributionComparisonRow(
    string AffiliateId,
    string Currency,
    decimal LastTouchConversions,
    decimal LastTouchRevenue,
    decimal FirstTouchConversions,
    decimal FirstTouchRevenue,
    decimal LinearConversions,
    decimal LinearRevenue,
    decimal PositionBasedConversions,
    decimal PositionBasedRevenue,
    decimal TimeDecayConversions,
    decimal TimeDecayRevenue);

public static class GetAttributionComparison
{
    public const int DefaultWindowDays = 30;

    public static void MapGetAttributionComparison(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/reports/attribution", async (Guid? campaignId, DateOnly? from, DateOnly? to, HttpContext http, IQuerySession session, CancellationToken ct) =>
            {
                var v = new Validator().RequireNonEmpty("campaignId", campaignId);
                v.When(from is { } f && to is { } t && t < f, "to", "must not be before from");
                if (!v.IsValid) return v.ToProblem();

                var campaign = await session.LoadAsync<ReportCampaign>(campaignId!.Value, ct);
                if (campaign is null) return ProblemResults.NotFound($"Campaign {campaignId}");
                var conversions = session.Query<ReportedConversion>().Where(c => c.CampaignId == campaign.Id && !c.Reversed);
                if (from is { } fromDay) conversions = conversions.Where(c => c.Day >= fromDay);
                if (to is { } toDay) conversions = conversions.Where(c => c.Day <= toDay);
                return ReportResults.Rows(http, Compare(campaign.Attribution, await conversions.ToListAsync(ct)));
            })
            .RequireAuthorization(Policies.Reader)
            .WithName("GetAttributionComparison");

    /// <summary>
    /// Recomputes every model's credits from each conversion's touches with the campaign's window and half-life (the shared
    /// <see cref="AttributionModels"/>, the same code Conversions attributes with). A conversion published without touches
    /// keeps its recorded credits under every model.
    /// </summary>
    public static IReadOnlyList<AttributionComparisonRow> Compare(AttributionTerms? terms, IReadOnlyList<ReportedConversion> conversions)
    {
        var windowDays = terms?.WindowDays ?? DefaultWindowDays;
        var sums = new Dictionary<(string Affiliate, string Currency), decimal[]>();
        foreach (var conversion in conversions.Where(c => !c.Reversed))
            for (var m = 0; m < AttributionModels.All.Count; m++)
            {
                var credits = conversion.Touches.Count == 0
                    ? conversion.Credits
                    : AttributionModels.Credit(AttributionModels.All[m], conversion.Touches, conversion.OccurredAt, windowDays, terms?.HalfLifeDays);
                foreach (var credit in credits)
                {
                    var key = (credit.AffiliateId.ToString(), conversion.Currency);
                    if (!sums.TryGetValue(key, out var s)) sums[key] = s = new decimal[AttributionModels.All.Count * 2];
                    s[m * 2] += credit.Weight;
                    s[m * 2 + 1] += credit.Weight * conversion.Amount;
                }
            }

        return sums
            .OrderBy(kv => kv.Key.Affiliate, StringComparer.Ordinal).ThenBy(kv => kv.Key.Currency, StringComparer.Ordinal)
            .Select(kv =>
            {
                var s = kv.Value.Select((value, i) => i % 2 == 0 ? Kpis.Count(value) : Kpis.Amount(value)).ToArray();
                return new AttributionComparisonRow(kv.Key.Affiliate, kv.Key.Currency, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9]);
            })
            .ToList();
    }
}
