using PerfSuite.Campaigns.Campaigns;

namespace PerfSuite.Campaigns.Budgets;

/// <summary>When spend (or a lowered budget) means a campaign must stop serving, and when a daily pause ends.</summary>
public static class BudgetRules
{
    /// <summary>
    /// The budget that is used up at this moment, or null when the campaign may still spend. A CPC (CPM) budget is used up
    /// as soon as it cannot pay for one more billable click (impression): the click path refuses that click, so waiting for
    /// spend to reach the budget exactly would leave the campaign active while every click goes to the fallback.
    /// </summary>
    public static string? Exhausted(Campaign campaign, CampaignSpend spend, DateTimeOffset now)
    {
        var budget = campaign.Definition.Budget;
        var nextCost = NextTrafficCost(campaign.Definition.Payout);
        if (budget?.Total is { } total && UsedUp(spend.Total, total, nextCost)) return StatusReasons.BudgetExhausted;
        if (budget?.Daily is { } daily && UsedUp(spend.On(campaign.LocalDay(now)), daily, nextCost)) return StatusReasons.DailyBudgetExhausted;
        return null;
    }

    private static bool UsedUp(decimal spent, decimal budget, decimal nextCost) => spent >= budget || (nextCost > 0 && spent + nextCost > budget);

    /// <summary>What the next billable hit costs: the CPC of a click, a thousandth of the CPM; conversions are not foreseeable.</summary>
    private static decimal NextTrafficCost(Contracts.PayoutTerms payout) => payout.Model switch
    {
        "cpc" => payout.Amount ?? 0,
        "cpm" => (payout.Amount ?? 0) / 1000m,
        _ => 0,
    };

    /// <summary>
    /// Pause an active campaign whose budget is used up. A campaign paused for its daily budget whose total then
    /// runs out is re-paused with budget_exhausted, so that the next day does not resume it.
    /// </summary>
    public static IReadOnlyList<object> Enforce(Campaign campaign, CampaignSpend spend, DateTimeOffset now)
    {
        var exhausted = Exhausted(campaign, spend, now);
        return (campaign.Status, campaign.StatusReason, exhausted) switch
        {
            (CampaignStatus.Active, _, StatusReasons.BudgetExhausted) => [new CampaignPaused(StatusReasons.BudgetExhausted, null, now)],
            (CampaignStatus.Active, _, StatusReasons.DailyBudgetExhausted) =>
                [new CampaignPaused(StatusReasons.DailyBudgetExhausted, campaign.LocalDay(now), now)],
            (CampaignStatus.Paused, StatusReasons.DailyBudgetExhausted, StatusReasons.BudgetExhausted) =>
                [new CampaignPaused(StatusReasons.BudgetExhausted, null, now)],
            _ => [],
        };
    }

    /// <summary>A campaign paused for its daily budget resumes once the tenant-local day after the pause has begun.</summary>
    public static IReadOnlyList<object> ResumeNextDay(Campaign campaign, CampaignSpend spend, DateTimeOffset now)
    {
        if (campaign is not { Status: CampaignStatus.Paused, StatusReason: StatusReasons.DailyBudgetExhausted, PausedForDay: { } day }) return [];
        if (campaign.LocalDay(now) <= day) return [];
        return Exhausted(campaign, spend, now) switch
        {
            null => [new CampaignResumed(StatusReasons.NextDay, now)],
            StatusReasons.BudgetExhausted => [new CampaignPaused(StatusReasons.BudgetExhausted, null, now)],
            _ => [],
        };
    }

    /// <summary>When the daily pause of a campaign may be lifted: the start of the next tenant-local day.</summary>
    public static DateTimeOffset NextDayStartsAt(Campaign campaign, DateOnly pausedForDay) =>
        LocalCalendar.StartOf(campaign.TimeZone, pausedForDay.AddDays(1));
}
