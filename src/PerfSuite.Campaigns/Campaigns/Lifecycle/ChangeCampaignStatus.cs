using Marten;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Campaigns.Budgets;

namespace PerfSuite.Campaigns.Campaigns.Lifecycle;

/// <summary>
/// Manual lifecycle after launch: active → paused (manual) ⇄ active; draft, active or paused → ended (terminal).
/// A campaign whose budget is used up cannot be resumed until the budget is raised (or, for a daily budget, the day is over).
/// </summary>
public static class ChangeCampaignStatus
{
    public static IReadOnlyList<object> Pause(Campaign state, DateTimeOffset now) => state.Status switch
    {
        CampaignStatus.Active => [new CampaignPaused(StatusReasons.Manual, null, now)],
        _ => throw Illegal(state, "paused", "only an active campaign can"),
    };

    public static IReadOnlyList<object> Resume(Campaign state, CampaignSpend spend, DateTimeOffset now)
    {
        if (state.Status != CampaignStatus.Paused) throw Illegal(state, "resumed", "only a paused campaign can");
        if (state.Definition.EndsAt is { } endsAt && endsAt <= now)
            throw new DomainRuleViolation("campaign-schedule-over", "The campaign's endsAt has passed; change endsAt before resuming it.");
        return BudgetRules.Exhausted(state, spend, now) switch
        {
            StatusReasons.BudgetExhausted => throw new DomainRuleViolation("budget-exhausted",
                $"The campaign has spent {spend.Total} of its total budget {state.Definition.Budget?.Total}; raise budget.total before resuming it."),
            StatusReasons.DailyBudgetExhausted => throw new DomainRuleViolation("daily-budget-exhausted",
                $"The campaign has used its daily budget {state.Definition.Budget?.Daily} today; it resumes by itself tomorrow, or raise budget.daily."),
            _ => [new CampaignResumed(StatusReasons.Manual, now)],
        };
    }

    public static IReadOnlyList<object> End(Campaign state, DateTimeOffset now) => state.Status switch
    {
        CampaignStatus.Ended => throw Illegal(state, "ended", "it already is"),
        _ => [new CampaignEnded(StatusReasons.Manual, now)],
    };

    private static DomainRuleViolation Illegal(Campaign state, string verb, string rule) =>
        new("illegal-transition", $"A campaign that is {state.StatusName} cannot be {verb}; {rule}.");

    public static void MapChangeCampaignStatus(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/campaigns/{id:guid}/pause", (Guid id, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
                Transition(id, http, session, ct, state => Pause(state, time.GetUtcNow())))
            .RequireAuthorization(Policies.Admin)
            .WithName("PauseCampaign");

        app.MapPost("/api/campaigns/{id:guid}/resume", async (Guid id, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
            {
                var spend = await session.LoadAsync<CampaignSpend>(id, ct) ?? CampaignSpend.None(id);
                return await Transition(id, http, session, ct, state => Resume(state, spend, time.GetUtcNow()));
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("ResumeCampaign");

        app.MapPost("/api/campaigns/{id:guid}/end", (Guid id, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
                Transition(id, http, session, ct, state => End(state, time.GetUtcNow())))
            .RequireAuthorization(Policies.Admin)
            .WithName("EndCampaign");
    }

    private static Task<IResult> Transition(Guid id, HttpContext http, IDocumentSession session, CancellationToken ct, Func<Campaign, IReadOnlyList<object>> decide) =>
        session.WriteCampaign(id, http, decide, (campaign, version) => CampaignResults.Ok(http, campaign, version), ct);
}
