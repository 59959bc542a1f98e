using PerfSuite.Contracts;

namespace PerfSuite.Reporting.Cube;

/// <summary>
/// One cell of the KPI cube: tenant (Marten conjoined tenancy) × campaign × affiliate × variant × day (tenant time zone)
/// × holdout × currency. Conversions, leads, sales and revenue are credit-weighted: a conversion split 50/50 between two
/// affiliates counts 0.5 to each, so summing cells over affiliates gives back whole conversions.
/// Spend is split by where it comes from: CPC/CPM cost of billable traffic (from TrafficRecorded) and commissions
/// (CPA/CPL/revshare, from SpendRecorded); platform cost is added at query time from <see cref="Platform.PlatformDay"/>.
/// </summary>
public class KpiCell
{
    public string Id { get; set; } = "";
    public Guid CampaignId { get; set; }
    public Guid? AffiliateId { get; set; }
    public Guid? VariantId { get; set; }
    public DateOnly Day { get; set; }
    public bool Holdout { get; set; }
    public string Currency { get; set; } = "";
    public long Impressions { get; set; }
    public long Clicks { get; set; }
    public long BillableClicks { get; set; }
    public decimal Leads { get; set; }
    public decimal Sales { get; set; }
    public decimal Conversions { get; set; }
    public decimal Revenue { get; set; }
    public decimal TrafficSpend { get; set; }
    public decimal CommissionSpend { get; set; }

    public static TCell Empty<TCell>(KpiFact f) where TCell : KpiCell, new() => new()
    {
        Id = f.CellId, CampaignId = f.CampaignId, AffiliateId = f.AffiliateId, VariantId = f.VariantId,
        Day = f.Day, Holdout = f.Holdout, Currency = f.Currency,
    };

    public KpiCell Add(KpiFact f)
    {
        Impressions += f.Impressions;
        Clicks += f.Clicks;
        BillableClicks += f.BillableClicks;
        Leads += f.Leads;
        Sales += f.Sales;
        Conversions += f.Conversions;
        Revenue += f.Revenue;
        TrafficSpend += f.TrafficSpend;
        CommissionSpend += f.CommissionSpend;
        return this;
    }
}

/// <summary>
/// The campaign × day × holdout × currency rollup of <see cref="KpiCell"/> (affiliate and variant summed over): reports that do
/// not split by affiliate or variant read this table, about (affiliates × variants) times fewer rows.
/// </summary>
public sealed class KpiCampaignDay : KpiCell;

/// <summary>A signed change to one cube cell, derived from one integration event.</summary>
public sealed record KpiFact(
    Guid CampaignId,
    Guid? AffiliateId,
    Guid? VariantId,
    DateOnly Day,
    bool Holdout,
    string Currency,
    long Impressions = 0,
    long Clicks = 0,
    long BillableClicks = 0,
    decimal Leads = 0,
    decimal Sales = 0,
    decimal Conversions = 0,
    decimal Revenue = 0,
    decimal TrafficSpend = 0,
    decimal CommissionSpend = 0)
{
    public string CellId => CellIdOf(CampaignId, AffiliateId, VariantId, Day, Holdout, Currency);

    public KpiFact RolledUp() => this with { AffiliateId = null, VariantId = null };

    public static string CellIdOf(Guid campaignId, Guid? affiliateId, Guid? variantId, DateOnly day, bool holdout, string currency) =>
        $"{campaignId:N}|{affiliateId?.ToString("N") ?? "-"}|{variantId?.ToString("N") ?? "-"}|{day:yyyyMMdd}|{(holdout ? "h" : "e")}|{currency}";
}

/// <summary>
/// How each integration event changes the cube. Spend rule (no double counting): CPC/CPM cost is taken only from
/// TrafficRecorded (it knows the variant and holdout of the billable traffic), so SpendRecorded of kind cpc|cpm is
/// ignored; every other SpendRecorded kind (cpa, cpl, revshare, clawback, negative on reversal) is commission spend.
/// </summary>
public static class KpiFacts
{
    public static readonly string[] TrafficSpendKinds = ["cpc", "cpm"];

    public static IReadOnlyList<KpiFact> From(object integrationEvent) => integrationEvent switch
    {
        TrafficRecorded t => t.Counts.Select(c => new KpiFact(t.CampaignId, c.AffiliateId, c.VariantId, c.Day, c.Holdout, t.Currency,
            Impressions: c.Impressions, Clicks: c.Clicks, BillableClicks: c.BillableClicks, TrafficSpend: c.Spend)).ToList(),
        ConversionAttributed a => Conversion(a.CampaignId, a.Type, a.Amount, a.Currency, a.Day, a.Holdout, a.Credits, sign: 1),
        ConversionReversed r => Conversion(r.CampaignId, r.Type, r.Amount, r.Currency, r.Day, r.Holdout, r.Credits, sign: -1),
        SpendRecorded s when !TrafficSpendKinds.Contains(s.Kind) =>
            [new KpiFact(s.CampaignId, s.AffiliateId, null, s.Day, false, s.Currency, CommissionSpend: s.Amount)],
        _ => [],
    };

    private static IReadOnlyList<KpiFact> Conversion(Guid campaignId, string type, decimal amount, string currency, DateOnly day, bool holdout,
        IReadOnlyList<Credit> credits, int sign)
    {
        IEnumerable<(Guid? Affiliate, Guid? Variant, decimal Weight)> shares = credits.Count == 0
            ? [(null, null, 1m)]
            : credits.Select(c => ((Guid?)c.AffiliateId, c.VariantId, c.Weight));
        return shares
            .GroupBy(s => (s.Affiliate, s.Variant))
            .Select(g =>
            {
                var weight = sign * g.Sum(s => s.Weight);
                return new KpiFact(campaignId, g.Key.Affiliate, g.Key.Variant, day, holdout, currency,
                    Leads: type == "lead" ? weight : 0, Sales: type == "sale" ? weight : 0,
                    Conversions: weight, Revenue: weight * amount);
            })
            .ToList();
    }
}
