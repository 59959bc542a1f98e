using Microsoft.Extensions.Time.Testing;
using PerfSuite.Campaigns.Budgets;
using PerfSuite.Campaigns.Campaigns;
using static PerfSuite.Campaigns.Tests.CampaignHistory;
using Paused = PerfSuite.Campaigns.Campaigns.CampaignPaused;
using Resumed = PerfSuite.Campaigns.Campaigns.CampaignResumed;

namespace PerfSuite.Campaigns.Tests;

public class BudgetTests
{
    // 2026-03-02 12:00 UTC is 07:00 in New York (EST, UTC-5): the local day is 2026-03-02 until 05:00 UTC on 03-03.
    private const string NewYork = "America/New_York";
    private static readonly DateOnly Monday = new(2026, 3, 2);

    private static Campaign ActiveWith(decimal? daily, decimal? total, string timeZone = "UTC") =>
        Given(Created(Request(budget: new(daily, total)), timeZone), Launched());

    [Fact]
    public void Spend_below_the_budget_changes_nothing()
    {
        var spend = CampaignSpend.None(CampaignId).Add(Monday, 9.50m); // one more 0.50 click still fits
        Assert.Empty(BudgetRules.Enforce(ActiveWith(daily: 10m, total: 100m), spend, T0));
    }

    [Fact]
    public void A_cpc_budget_that_cannot_pay_for_one_more_click_is_used_up()
    {
        var spend = CampaignSpend.None(CampaignId).Add(Monday, 9.60m); // 9.60 + 0.50 > 10: the click path refuses the next click
        Assert.Equal([new Paused(StatusReasons.BudgetExhausted, null, T0)], BudgetRules.Enforce(ActiveWith(null, 10m), spend, T0));
    }

    [Fact]
    public void A_cpa_budget_is_used_up_only_when_spend_reaches_it()
    {
        var cpa = Given(Created(Request(new("cpa", 25m, null, null), new(null, 100m))), Launched());
        Assert.Empty(BudgetRules.Enforce(cpa, CampaignSpend.None(CampaignId).Add(Monday, 99.99m), T0));
        Assert.Equal([new Paused(StatusReasons.BudgetExhausted, null, T0)], BudgetRules.Enforce(cpa, CampaignSpend.None(CampaignId).Add(Monday, 100m), T0));
    }

    [Fact]
    public void Reaching_the_total_budget_pauses_with_budget_exhausted()
    {
        var spend = CampaignSpend.None(CampaignId).Add(Monday, 60m).Add(Monday.AddDays(-1), 40m);
        Assert.Equal([new Paused(StatusReasons.BudgetExhausted, null, T0)], BudgetRules.Enforce(ActiveWith(null, 100m), spend, T0));
    }

    [Fact]
    public void Reaching_the_daily_budget_pauses_for_the_tenant_local_day()
    {
        var spend = CampaignSpend.None(CampaignId).Add(Monday, 10m);
        Assert.Equal([new Paused(StatusReasons.DailyBudgetExhausted, Monday, T0)], BudgetRules.Enforce(ActiveWith(10m, null, NewYork), spend, T0));
    }

    [Fact]
    public void Yesterdays_late_spend_does_not_pause_today()
    {
        var spend = CampaignSpend.None(CampaignId).Add(Monday.AddDays(-1), 50m);
        Assert.Empty(BudgetRules.Enforce(ActiveWith(10m, null), spend, T0));
    }

    [Fact]
    public void A_reversal_counts_negative()
    {
        var spend = CampaignSpend.None(CampaignId).Add(Monday, 12m).Add(Monday, -5m);
        Assert.Equal(7m, spend.Total);
        Assert.Empty(BudgetRules.Enforce(ActiveWith(10m, null), spend, T0));
    }

    [Fact]
    public void A_paused_or_draft_campaign_is_not_paused_again_for_its_daily_budget()
    {
        var spend = CampaignSpend.None(CampaignId).Add(Monday, 100m);
        Assert.Empty(BudgetRules.Enforce(Given(Created(Request(budget: new(10m, null)))), spend, T0));
        Assert.Empty(BudgetRules.Enforce(Given(Created(Request(budget: new(10m, null))), Launched(), Paused()), spend, T0));
    }

    [Fact]
    public void A_daily_pause_resumes_only_when_the_next_local_day_starts_in_the_tenant_time_zone()
    {
        var clock = new FakeTimeProvider(T0);
        var campaign = ActiveWith(10m, 100m, NewYork);
        var spend = CampaignSpend.None(CampaignId).Add(Monday, 10m);
        var paused = Assert.IsType<Paused>(Assert.Single(BudgetRules.Enforce(campaign, spend, clock.GetUtcNow())));
        campaign = campaign.Apply(paused);

        var resumeAt = BudgetRules.NextDayStartsAt(campaign, Monday);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 5, 0, 0, TimeSpan.Zero), resumeAt);

        clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 0, 30, 0, TimeSpan.Zero)); // past UTC midnight, still Monday in New York
        Assert.Empty(BudgetRules.ResumeNextDay(campaign, spend, clock.GetUtcNow()));

        clock.SetUtcNow(resumeAt);
        Assert.Equal([new Resumed(StatusReasons.NextDay, resumeAt)], BudgetRules.ResumeNextDay(campaign, spend, clock.GetUtcNow()));
    }

    [Fact]
    public void A_daily_pause_whose_total_budget_is_also_used_up_becomes_a_budget_exhausted_pause_and_does_not_resume()
    {
        var campaign = ActiveWith(10m, 15m).Apply(new Paused(StatusReasons.DailyBudgetExhausted, Monday, T0));
        var spend = CampaignSpend.None(CampaignId).Add(Monday, 10m).Add(Monday, 6m);
        Assert.Equal([new Paused(StatusReasons.BudgetExhausted, null, T0)], BudgetRules.Enforce(campaign, spend, T0));
        var nextDay = T0.AddDays(1);
        Assert.Equal([new Paused(StatusReasons.BudgetExhausted, null, nextDay)], BudgetRules.ResumeNextDay(campaign, spend, nextDay));
    }

    [Fact]
    public void A_manual_pause_is_never_lifted_by_the_next_day()
    {
        var campaign = Given(Created(Request(budget: new(10m, null))), Launched(), Paused());
        Assert.Empty(BudgetRules.ResumeNextDay(campaign, CampaignSpend.None(CampaignId), T0.AddDays(2)));
    }

    [Fact]
    public void The_next_local_day_starts_at_the_right_instant_across_a_daylight_saving_change()
    {
        var campaign = ActiveWith(10m, null, NewYork);
        // New York switches to EDT (UTC-4) on 2026-03-08.
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 4, 0, 0, TimeSpan.Zero), BudgetRules.NextDayStartsAt(campaign, new DateOnly(2026, 3, 8)));
    }
}
