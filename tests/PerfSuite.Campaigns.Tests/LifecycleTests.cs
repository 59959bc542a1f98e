using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.Campaigns.Budgets;
using PerfSuite.Campaigns.Campaigns;
using PerfSuite.Campaigns.Campaigns.Launching;
using PerfSuite.Campaigns.Campaigns.Lifecycle;
using static PerfSuite.Campaigns.Tests.CampaignHistory;
using Launched = PerfSuite.Campaigns.Campaigns.CampaignLaunched;
using Paused = PerfSuite.Campaigns.Campaigns.CampaignPaused;
using Resumed = PerfSuite.Campaigns.Campaigns.CampaignResumed;
using Ended = PerfSuite.Campaigns.Campaigns.CampaignEnded;

namespace PerfSuite.Campaigns.Tests;

public class LifecycleTests
{
    private static readonly DateTimeOffset Now = T0.AddHours(1);
    private static CampaignSpend NoSpend => CampaignSpend.None(CampaignId);

    private static IReadOnlyList<object> When(string command, Campaign state, CampaignSpend? spend = null) => command switch
    {
        "launch" => LaunchCampaign.Decide(state, Now),
        "pause" => ChangeCampaignStatus.Pause(state, Now),
        "resume" => ChangeCampaignStatus.Resume(state, spend ?? NoSpend, Now),
        "end" => ChangeCampaignStatus.End(state, Now),
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    public static TheoryData<string, string, string> Legal => new()
    {
        { "draft", "launch", "active" },
        { "active", "pause", "paused" },
        { "paused", "resume", "active" },
        { "draft", "end", "ended" },
        { "active", "end", "ended" },
        { "paused", "end", "ended" },
    };

    public static TheoryData<string, string> Illegal => new()
    {
        { "active", "launch" }, { "paused", "launch" }, { "ended", "launch" },
        { "draft", "pause" }, { "paused", "pause" }, { "ended", "pause" },
        { "draft", "resume" }, { "active", "resume" }, { "ended", "resume" },
        { "ended", "end" },
    };

    [Theory, MemberData(nameof(Legal))]
    public void A_legal_transition_yields_one_event_that_leads_to_the_new_status(string from, string command, string to)
    {
        var state = InState(from);
        var events = When(command, state);
        var e = Assert.Single(events);
        var after = e switch
        {
            Launched x => state.Apply(x),
            Paused x => state.Apply(x),
            Resumed x => state.Apply(x),
            Ended x => state.Apply(x),
            _ => throw new InvalidOperationException(e.GetType().Name),
        };
        Assert.Equal(to, after.StatusName);
    }

    [Theory, MemberData(nameof(Illegal))]
    public void An_illegal_transition_is_refused_as_a_rule_violation(string from, string command)
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => When(command, InState(from)));
        Assert.Equal("illegal-transition", violation.Code);
        Assert.Contains(from, violation.Message);
    }

    [Fact]
    public void Manual_pause_and_resume_carry_the_reason_manual()
    {
        Assert.Equal(new Paused(StatusReasons.Manual, null, Now), Assert.Single(When("pause", Active())));
        Assert.Equal(new Resumed(StatusReasons.Manual, Now), Assert.Single(When("resume", PausedManually())));
        Assert.Equal(new Ended(StatusReasons.Manual, Now), Assert.Single(When("end", Active())));
    }

    [Fact]
    public void Launch_publishes_the_full_terms_as_active()
    {
        var launched = Assert.IsType<Launched>(Assert.Single(When("launch", Draft())));
        Assert.Equal("active", launched.Terms.Status);
        Assert.Equal(CampaignId, launched.Terms.CampaignId);
        Assert.Equal("pbt_first", launched.Terms.PostbackToken);
        Assert.Equal("https://shop.example/fallback", launched.Terms.FallbackUrl);
    }

    [Fact]
    public void A_campaign_whose_end_date_has_passed_cannot_be_launched_or_resumed()
    {
        var over = Given(Created(Request() with { EndsAt = T0.AddMinutes(30) }));
        Assert.Equal("campaign-schedule-over", Assert.Throws<DomainRuleViolation>(() => When("launch", over)).Code);
        var paused = Given(Created(Request() with { EndsAt = T0.AddMinutes(30) }), Launched(), Paused());
        Assert.Equal("campaign-schedule-over", Assert.Throws<DomainRuleViolation>(() => When("resume", paused)).Code);
    }

    [Fact]
    public void A_campaign_paused_for_its_used_up_total_budget_cannot_be_resumed_until_the_budget_is_raised()
    {
        var state = Given(Created(Request(budget: new(null, 10m))), Launched(), Paused(StatusReasons.BudgetExhausted));
        var spent = NoSpend.Add(new DateOnly(2026, 3, 2), 10m);
        Assert.Equal("budget-exhausted", Assert.Throws<DomainRuleViolation>(() => When("resume", state, spent)).Code);

        var raised = Given(Created(Request(budget: new(null, 20m))), Launched(), Paused(StatusReasons.BudgetExhausted));
        Assert.IsType<Resumed>(Assert.Single(When("resume", raised, spent)));
    }

    [Fact]
    public void A_campaign_that_used_todays_budget_cannot_be_resumed_by_hand_today()
    {
        var state = Given(Created(Request(budget: new(5m, null))), Launched(), Paused(StatusReasons.DailyBudgetExhausted, new DateOnly(2026, 3, 2)));
        var spentToday = NoSpend.Add(new DateOnly(2026, 3, 2), 5m);
        Assert.Equal("daily-budget-exhausted", Assert.Throws<DomainRuleViolation>(() => When("resume", state, spentToday)).Code);
    }
}
