using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.Campaigns.Budgets;
using PerfSuite.Campaigns.Campaigns;
using PerfSuite.Campaigns.Campaigns.Creating;
using PerfSuite.Campaigns.Campaigns.Revising;
using static PerfSuite.Campaigns.Tests.CampaignHistory;
using Paused = PerfSuite.Campaigns.Campaigns.CampaignPaused;

namespace PerfSuite.Campaigns.Tests;

public class RevisionTests
{
    private static readonly DateTimeOffset Now = T0.AddHours(2);
    private static readonly ReviseCampaignRequest Empty = new(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    private static IReadOnlyList<object> When(Campaign state, ReviseCampaignRequest patch, CampaignSpend? spend = null)
    {
        var (definition, validation) = ReviseCampaign.Merge(state.Definition, patch);
        Assert.True(validation.IsValid, string.Join("; ", validation.Errors.Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
        return ReviseCampaign.Decide(state, definition!, spend ?? CampaignSpend.None(CampaignId), Now);
    }

    [Fact]
    public void Absent_fields_keep_their_values_and_only_changed_fields_are_named()
    {
        var revised = Assert.IsType<CampaignRevised>(Assert.Single(When(Active(), Empty with { Name = "Summer sale", HoldoutPercent = 10m, ControlWeight = 50 })));
        Assert.Equal(["name", "holdoutPercent", "controlWeight"], revised.Changed);
        Assert.Equal("Summer sale", revised.Definition.Name);
        Assert.Equal(10m, revised.Terms.HoldoutPercent);
        Assert.Equal(50, revised.Terms.ControlWeight);
        Assert.Equal("https://shop.example/landing", revised.Definition.LandingUrl);
        Assert.Equal("active", revised.Terms.Status);
    }

    [Fact]
    public void A_patch_that_changes_nothing_appends_nothing()
    {
        Assert.Empty(When(Active(), Empty with { Name = "Spring sale" }));
    }

    public static TheoryData<ReviseCampaignRequest, string> InvalidPatches => new()
    {
        { Empty with { Currency = "EUR" }, "currency" },
        { Empty with { AdvertiserId = Guid.NewGuid() }, "advertiserId" },
        { Empty with { Name = "  " }, "name" },
        { Empty with { LandingUrl = "ftp://x" }, "landingUrl" },
        { Empty with { Payout = new PayoutRequest("revshare", null, null, null) }, "payout.percent" },
        { Empty with { Budget = new BudgetRequest(50m, 10m) }, "budget.daily" },
        { Empty with { HoldoutPercent = 95m }, "holdoutPercent" },
        { Empty with { ControlWeight = -1 }, "controlWeight" },
        { Empty with { Attribution = new AttributionRequest("linear", 0, null) }, "attribution.windowDays" },
        { Empty with { StartsAt = T0.AddDays(10), EndsAt = T0.AddDays(1) }, "endsAt" },
    };

    [Theory, MemberData(nameof(InvalidPatches))]
    public void An_invalid_patch_is_refused_naming_the_field(ReviseCampaignRequest patch, string field)
    {
        var (definition, validation) = ReviseCampaign.Merge(Active().Definition, patch);
        Assert.Null(definition);
        Assert.Contains(field, validation.Errors.Keys);
    }

    [Fact]
    public void An_ended_campaign_cannot_be_changed()
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => When(EndedCampaign(), Empty with { Name = "Again" }));
        Assert.Equal("illegal-transition", violation.Code);
    }

    [Fact]
    public void Lowering_the_budget_below_what_was_spent_pauses_the_campaign_at_once_and_the_published_terms_say_paused()
    {
        var spent = CampaignSpend.None(CampaignId).Add(new DateOnly(2026, 3, 2), 40m);
        var events = When(Active(), Empty with { Budget = new BudgetRequest(null, 30m) }, spent);
        Assert.Equal(2, events.Count);
        Assert.Equal("paused", Assert.IsType<CampaignRevised>(events[0]).Terms.Status);
        Assert.Equal(new Paused(StatusReasons.BudgetExhausted, null, Now), events[1]);
    }
}
