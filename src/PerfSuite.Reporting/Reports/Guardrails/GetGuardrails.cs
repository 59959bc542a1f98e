using Marten;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Reporting.Campaigns;
using PerfSuite.Reporting.Cube;
using PerfSuite.Reporting.Reports.GettingKpis;

namespace PerfSuite.Reporting.Reports.Guardrails;

/// <summary>
/// One campaign's economics over the window against its targets. Customers are distinct customer ids of non-reversed
/// conversions; closed leads are sales that name the lead they closed (offline conversions). Alerts name every breached
/// guardrail with its numbers; <see cref="OverTarget"/> is true when there is any.
/// </summary>
public sealed record GuardrailRow(
    Guid CampaignId,
    string Name,
    string Currency,
    decimal Spend,
    decimal Revenue,
    decimal Leads,
    decimal Sales,
    long Customers,
    long ClosedLeads,
    decimal? Ltv,
    decimal? LeadToCustomerRate,
    decimal? CostToClose,
    decimal? Cpa,
    decimal? TargetCpa,
    decimal? Cpl,
    decimal? TargetCpl,
    decimal? Roas,
    decimal? TargetRoas,
    decimal? CustomerValue,
    decimal? TargetLeadToCustomerRate,
    decimal? MaxAffordableCpl,
    decimal? MaxAffordableCpa,
    bool OverTarget,
    string Alerts);

/// <summary>The conversion facts LTV and the lead-to-customer rate are computed from.</summary>
public sealed record CustomerFacts(long Customers, long ClosedLeads, decimal CustomerRevenue)
{
    public static readonly CustomerFacts None = new(0, 0, 0);

    public static CustomerFacts Of(IEnumerable<ReportedConversion> conversions)
    {
        var live = conversions.Where(c => !c.Reversed).ToList();
        var withCustomer = live.Where(c => !string.IsNullOrEmpty(c.CustomerId)).ToList();
        return new CustomerFacts(
            withCustomer.Select(c => c.CustomerId).Distinct().LongCount(),
            live.Where(c => c.Type == "sale" && c.LeadConversionId is not null).Select(c => c.LeadConversionId).Distinct().LongCount(),
            withCustomer.Sum(c => c.Amount));
    }
}

public static class GetGuardrails
{
    public static void MapGetGuardrails(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/reports/guardrails", async (DateOnly? from, DateOnly? to, Guid? campaignId, HttpContext http, IQuerySession session, CancellationToken ct) =>
            {
                var v = new Validator();
                v.When(from is { } f && to is { } t && t < f, "to", "must not be before from");
                if (!v.IsValid) return v.ToProblem();

                var filter = new CubeFilter(from, to, campaignId);
                var kpis = (await GetKpis.BuildAsync(session, "campaign", filter, ct)).ToLookup(r => r.Key);
                var campaigns = await session.Query<ReportCampaign>().Where(c => campaignId == null || c.Id == campaignId).ToListAsync(ct);
                var conversions = session.Query<ReportedConversion>().Where(c => !c.Reversed);
                if (campaignId is { } id) conversions = conversions.Where(c => c.CampaignId == id);
                if (from is { } fromDay) conversions = conversions.Where(c => c.Day >= fromDay);
                if (to is { } toDay) conversions = conversions.Where(c => c.Day <= toDay);
                var facts = (await conversions.ToListAsync(ct)).GroupBy(c => c.CampaignId).ToDictionary(g => g.Key, CustomerFacts.Of);

                var rows = campaigns
                    .OrderBy(c => c.Name, StringComparer.Ordinal)
                    .Select(c => Evaluate(c,
                        kpis[c.Id.ToString()].FirstOrDefault(r => r.Currency == c.Currency) ?? KpiRow.Zero(c.Id.ToString(), c.Name, c.Currency),
                        facts.GetValueOrDefault(c.Id, CustomerFacts.None)))
                    .ToList();
                return ReportResults.Rows(http, rows);
            })
            .RequireAuthorization(Policies.Reader)
            .WithName("GetGuardrails");

    public static GuardrailRow Evaluate(ReportCampaign campaign, KpiRow kpis, CustomerFacts facts)
    {
        var targets = campaign.Targets;
        var leadToCustomer = Kpis.Ratio(facts.ClosedLeads, kpis.Leads);
        var rateForAffordability = targets?.LeadToCustomerRate ?? leadToCustomer;
        decimal? maxCpl = targets?.CustomerValue is { } value && rateForAffordability is { } rate ? Kpis.MaxAffordableCpl(value, rate) : null;
        decimal? maxCpa = targets?.CustomerValue;

        var alerts = new List<string>();
        void Above(string what, decimal? actual, decimal? limit, string limitName)
        {
            if (actual is { } a && limit is { } l && a > l) alerts.Add($"{what} {a:0.##} above {limitName} {l:0.##}");
        }
        Above("cpa", kpis.Cpa, targets?.Cpa, "target");
        Above("cpl", kpis.Cpl, targets?.Cpl, "target");
        Above("cpl", kpis.Cpl, maxCpl, "max affordable");
        Above("cpa", kpis.Cpa, maxCpa, "max affordable (customer value)");
        if (kpis.Roas is { } roas && targets?.Roas is { } targetRoas && roas < targetRoas)
            alerts.Add($"roas {roas:0.##} below target {targetRoas:0.##}");

        return new GuardrailRow(campaign.Id, campaign.Name, campaign.Currency, kpis.Spend, kpis.Revenue, kpis.Leads, kpis.Sales,
            facts.Customers, facts.ClosedLeads, Kpis.Ltv(facts.CustomerRevenue, facts.Customers), leadToCustomer,
            Kpis.Ratio(kpis.Spend, facts.ClosedLeads), kpis.Cpa, targets?.Cpa, kpis.Cpl, targets?.Cpl, kpis.Roas, targets?.Roas,
            targets?.CustomerValue, targets?.LeadToCustomerRate, maxCpl, maxCpa, alerts.Count > 0, string.Join("; ", alerts));
    }
}
