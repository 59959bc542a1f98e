using PerfSuite.Campaigns.Budgets;
using PerfSuite.Campaigns.Campaigns;
using PerfSuite.Campaigns.Campaigns.Creating;
using PerfSuite.Campaigns.Campaigns.Revising;
using PerfSuite.Contracts;
using static PerfSuite.Campaigns.Tests.CampaignHistory;

namespace PerfSuite.Campaigns.Tests;

public class PayoutTests
{
    public static TheoryData<string, decimal?, decimal?> ValidPayouts => new()
    {
        { "cpc", 0.40m, null },
        { "cpm", 3.50m, null },
        { "cpa", 25m, null },
        { "cpl", 8m, null },
        { "revshare", null, 12.5m },
        { "cpa", 10m, 5m }, // hybrid CPA + RevShare
        { "cpl", 2m, 1m },  // hybrid CPL + RevShare
    };

    [Theory, MemberData(nameof(ValidPayouts))]
    public void Every_payout_model_is_accepted_and_kept_exactly(string model, decimal? amount, decimal? percent)
    {
        var request = Request(new PayoutRequest(model, amount, percent, 30));
        Assert.True(CampaignRules.Validate(request).IsValid);
        var created = Created(request);
        Assert.Equal(new PayoutTerms(model, amount, percent, 30), created.Definition.Payout);
        Assert.Equal(created.Definition.Payout, Given(created).ToTerms().Payout);
    }

    public static TheoryData<string?, decimal?, decimal?, string> InvalidPayouts => new()
    {
        { "cpc", null, null, "payout.amount" },
        { "cpc", 1m, 5m, "payout.percent" },
        { "cpm", null, null, "payout.amount" },
        { "cpm", 1m, 5m, "payout.percent" },
        { "cpa", null, null, "payout.amount" },
        { "cpl", null, null, "payout.amount" },
        { "revshare", 5m, null, "payout.percent" },
        { "revshare", null, 0m, "payout.percent" },
        { "revshare", null, 101m, "payout.percent" },
        { "cpa", -1m, null, "payout.amount" },
        { "flat", 1m, null, "payout.model" },
        { null, 1m, null, "payout.model" },
    };

    [Theory, MemberData(nameof(InvalidPayouts))]
    public void An_incomplete_or_contradictory_payout_is_refused_naming_the_field(string? model, decimal? amount, decimal? percent, string field)
    {
        var validation = CampaignRules.Validate(Request(new PayoutRequest(model, amount, percent, null)));
        Assert.False(validation.IsValid);
        Assert.Contains(field, validation.Errors.Keys);
    }

    [Fact]
    public void A_payout_change_applies_from_the_revision_on_and_keeps_the_earlier_terms_in_the_history()
    {
        var state = Active();
        var revisedAt = T0.AddDays(3);
        var patch = new ReviseCampaignRequest(null, null, null, null, null, null, new PayoutRequest("cpc", 0.75m, null, null),
            null, null, null, null, null, null, null, null);
        var (definition, validation) = ReviseCampaign.Merge(state.Definition, patch);
        Assert.True(validation.IsValid);

        var revised = Assert.IsType<CampaignRevised>(Assert.Single(ReviseCampaign.Decide(state, definition!, CampaignSpend.None(CampaignId), revisedAt)));
        Assert.Equal(["payout"], revised.Changed);
        Assert.Equal(0.75m, revised.Terms.Payout.Amount);

        var after = state.Apply(revised);
        Assert.Equal([new PayoutPeriod(new PayoutTerms("cpc", 0.5m, null), T0), new PayoutPeriod(new PayoutTerms("cpc", 0.75m, null), revisedAt)],
            after.PayoutHistory);
    }
}
