using PerfSuite.BuildingBlocks.Campaigns;
using PerfSuite.Contracts;
using PerfSuite.Conversions.Fraud;
using PerfSuite.Conversions.Tracking;

namespace PerfSuite.Conversions.Tests.Tracking;

public sealed class ClickPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly VariantTerms VariantB = new(Guid.NewGuid(), "B", "https://b.example/", 50, false);

    private static HitOutcome Decide(CampaignTerms campaign, VisitorAssignment.Result? assignment = null, bool bot = false,
        bool duplicate = false, bool budgetLeft = true, HitKind kind = HitKind.Click) =>
        ClickPolicy.Decide(campaign, assignment ?? new VisitorAssignment.Result(false, null, campaign.LandingUrl), kind, bot, duplicate, Now, _ => budgetLeft);

    [Fact]
    public void A_clean_click_on_a_live_campaign_is_billable_at_the_cpc_and_goes_to_the_assigned_landing()
    {
        var outcome = Decide(Terms.Campaign(), new VisitorAssignment.Result(false, VariantB, VariantB.LandingUrl));
        Assert.Equal(new HitOutcome("https://b.example/", VariantB.VariantId, false, true, null, 0.5m, "cpc"), outcome);
    }

    [Theory]
    [InlineData("paused")]
    [InlineData("ended")]
    [InlineData("draft")]
    public void A_campaign_that_is_not_live_sends_to_the_fallback_and_bills_nothing(string status)
    {
        var outcome = Decide(Terms.Campaign(status));
        Assert.Equal(("https://fallback.example/", false, FraudReasons.CampaignNotLive, 0m), (outcome.Destination, outcome.Billable, outcome.Reason, outcome.Spend));
    }

    [Fact]
    public void Without_a_fallback_url_a_paused_campaign_sends_to_the_landing_page()
    {
        Assert.Equal("https://landing.example/", Decide(Terms.Campaign("paused", fallbackUrl: null)).Destination);
    }

    [Fact]
    public void A_campaign_before_its_start_or_after_its_end_is_not_live()
    {
        Assert.False(Decide(Terms.Campaign() with { StartsAt = Now.AddMinutes(1) }).Billable);
        Assert.False(Decide(Terms.Campaign() with { EndsAt = Now }).Billable);
        Assert.True(Decide(Terms.Campaign() with { StartsAt = Now, EndsAt = Now.AddSeconds(1) }).Billable);
    }

    [Fact]
    public void A_holdout_visitor_goes_to_the_fallback_and_is_not_billable()
    {
        var outcome = Decide(Terms.Campaign(), new VisitorAssignment.Result(true, null, "https://fallback.example/"));
        Assert.Equal(new HitOutcome("https://fallback.example/", null, true, false, FraudReasons.Holdout, 0, "cpc"), outcome);
    }

    [Fact]
    public void Bots_and_duplicate_clicks_reach_the_landing_page_but_are_not_billable()
    {
        var bot = Decide(Terms.Campaign(), bot: true);
        var duplicate = Decide(Terms.Campaign(), duplicate: true);
        Assert.Equal(("https://landing.example/", false, FraudReasons.Bot, 0m), (bot.Destination, bot.Billable, bot.Reason, bot.Spend));
        Assert.Equal(("https://landing.example/", false, FraudReasons.DuplicateClick, 0m), (duplicate.Destination, duplicate.Billable, duplicate.Reason, duplicate.Spend));
    }

    [Fact]
    public void When_the_budget_cannot_take_the_next_click_it_goes_to_the_fallback_unbilled()
    {
        var outcome = Decide(Terms.Campaign(), budgetLeft: false);
        Assert.Equal(("https://fallback.example/", false, FraudReasons.BudgetExhausted, 0m), (outcome.Destination, outcome.Billable, outcome.Reason, outcome.Spend));
    }

    [Fact]
    public void Cpm_campaigns_bill_impressions_per_thousand_and_clicks_nothing()
    {
        var cpm = Terms.Campaign(payoutModel: "cpm", payoutAmount: 12m);
        Assert.Equal(0.012m, Decide(cpm, kind: HitKind.Impression).Spend);
        Assert.Equal("cpm", Decide(cpm, kind: HitKind.Impression).SpendKind);
        Assert.Equal(0m, Decide(cpm).Spend);
        Assert.True(Decide(cpm).Billable);
        Assert.Equal(0m, Decide(Terms.Campaign(payoutModel: "cpa", payoutAmount: 20m)).Spend);
    }
}
