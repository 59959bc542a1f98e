using Marten;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Campaigns.Budgets;
using PerfSuite.Campaigns.Campaigns.Creating;
using PerfSuite.Contracts;

namespace PerfSuite.Campaigns.Campaigns.Revising;

/// <summary>
/// PATCH body: every field optional; an absent (or null) field keeps its value, a present object (payout, budget, caps,
/// attribution, targets) replaces the whole object. advertiserId and currency cannot change (spend and budgets are in
/// the campaign's currency).
/// </summary>
public sealed record ReviseCampaignRequest(
    Guid? AdvertiserId,
    string? Name,
    string? Channel,
    string? Currency,
    string? LandingUrl,
    string? FallbackUrl,
    PayoutRequest? Payout,
    BudgetRequest? Budget,
    CapsRequest? Caps,
    AttributionRequest? Attribution,
    TargetsRequest? Targets,
    decimal? HoldoutPercent,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    int? ControlWeight);

public static class ReviseCampaign
{
    /// <summary>The definition after the patch, or the validation errors (naming fields) that refuse it.</summary>
    public static (CampaignDefinition? Definition, Validator Validation) Merge(CampaignDefinition current, ReviseCampaignRequest patch)
    {
        var merged = new CreateCampaignRequest(
            current.AdvertiserId,
            patch.Name ?? current.Name,
            patch.Channel ?? current.Channel,
            current.Currency,
            patch.LandingUrl ?? current.LandingUrl,
            patch.FallbackUrl ?? current.FallbackUrl,
            patch.Payout ?? new PayoutRequest(current.Payout.Model, current.Payout.Amount, current.Payout.Percent, current.Payout.HoldDays),
            patch.Budget ?? (current.Budget is { } b ? new BudgetRequest(b.Daily, b.Total) : null),
            patch.Caps ?? (current.Caps is { } c ? new CapsRequest(c.DailyConversions, c.AffiliateDailyConversions) : null),
            patch.Attribution ?? new AttributionRequest(current.Attribution.Model, current.Attribution.WindowDays, current.Attribution.HalfLifeDays),
            patch.Targets ?? (current.Targets is { } t ? new TargetsRequest(t.Cpa, t.Cpl, t.Roas, t.CustomerValue, t.LeadToCustomerRate) : null),
            patch.HoldoutPercent ?? current.HoldoutPercent,
            patch.StartsAt ?? current.StartsAt,
            patch.EndsAt ?? current.EndsAt);

        var validation = CampaignRules.Validate(merged)
            .When(patch.AdvertiserId is { } a && a != current.AdvertiserId, "advertiserId", "cannot be changed; create a new campaign")
            .When(patch.Currency is { } cur && cur != current.Currency, "currency", "cannot be changed; budgets and spend are in the campaign's currency")
            .When(patch.ControlWeight is < 0 or > VariantWeights.Max, "controlWeight", $"must be between 0 and {VariantWeights.Max}");
        if (!validation.IsValid) return (null, validation);
        return (CampaignRules.ToDefinition(merged) with { ControlWeight = patch.ControlWeight ?? current.ControlWeight }, validation);
    }

    public static IReadOnlyList<object> Decide(Campaign state, CampaignDefinition revised, CampaignSpend spend, DateTimeOffset now)
    {
        if (state.Status == CampaignStatus.Ended)
            throw new DomainRuleViolation("illegal-transition", "An ended campaign cannot be changed.");
        var changed = ChangedFields(state.Definition, revised);
        if (changed.Count == 0) return [];

        var next = state with { Definition = revised };
        var budgetPause = BudgetRules.Enforce(next, spend, now);
        foreach (var e in budgetPause) next = next.Apply((CampaignPaused)e);
        return [new CampaignRevised(revised, changed, next.ToTerms(), now), .. budgetPause];
    }

    private static List<string> ChangedFields(CampaignDefinition before, CampaignDefinition after)
    {
        var changed = new List<string>();
        void Check(string field, object? a, object? b) { if (!Equals(a, b)) changed.Add(field); }
        Check("name", before.Name, after.Name);
        Check("channel", before.Channel, after.Channel);
        Check("landingUrl", before.LandingUrl, after.LandingUrl);
        Check("fallbackUrl", before.FallbackUrl, after.FallbackUrl);
        Check("payout", before.Payout, after.Payout);
        Check("budget", before.Budget, after.Budget);
        Check("caps", before.Caps, after.Caps);
        Check("attribution", before.Attribution, after.Attribution);
        Check("targets", before.Targets, after.Targets);
        Check("holdoutPercent", before.HoldoutPercent, after.HoldoutPercent);
        Check("startsAt", before.StartsAt, after.StartsAt);
        Check("endsAt", before.EndsAt, after.EndsAt);
        Check("controlWeight", before.ControlWeight, after.ControlWeight);
        return changed;
    }

    public static void MapReviseCampaign(this IEndpointRouteBuilder app) =>
        app.MapPatch("/api/campaigns/{id:guid}", async (Guid id, ReviseCampaignRequest request, HttpContext http, IDocumentSession session,
                TimeProvider time, CancellationToken ct) =>
            {
                if (ETags.IfMatch(http.Request) is null) return ProblemResults.PreconditionRequired();
                var spend = await session.LoadAsync<CampaignSpend>(id, ct) ?? CampaignSpend.None(id);
                Validator? invalid = null;
                var result = await session.WriteCampaign(id, http, state =>
                    {
                        var (revised, validation) = Merge(state.Definition, request);
                        if (revised is null) { invalid = validation; return []; }
                        return Decide(state, revised, spend, time.GetUtcNow());
                    },
                    (campaign, version) => CampaignResults.Ok(http, campaign, version), ct);
                return invalid?.ToProblem() ?? result;
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("ReviseCampaign");
}
