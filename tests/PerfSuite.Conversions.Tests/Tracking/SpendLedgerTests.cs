using PerfSuite.Contracts;
using PerfSuite.Conversions.Tracking;

namespace PerfSuite.Conversions.Tests.Tracking;

public sealed class SpendLedgerTests
{
    private static readonly DateOnly Day = new(2026, 3, 10);

    [Fact]
    public void Stops_the_moment_the_next_click_would_exceed_the_total_budget()
    {
        var ledger = new SpendLedger();
        var campaign = Terms.Campaign(budget: new BudgetTerms(null, 1.0m));
        Assert.True(ledger.TryReserve("t", campaign, Day, 0.5m));
        Assert.True(ledger.TryReserve("t", campaign, Day, 0.5m));
        Assert.False(ledger.TryReserve("t", campaign, Day, 0.5m));
        Assert.True(ledger.TryReserve("t", campaign, Day, 0m));
    }

    [Fact]
    public void A_daily_budget_resets_with_the_day_and_seeded_spend_counts()
    {
        var ledger = new SpendLedger();
        var campaign = Terms.Campaign(budget: new BudgetTerms(1.0m, null));
        ledger.Seed([("t", campaign.CampaignId, Day, 0.75m)]);
        Assert.False(ledger.TryReserve("t", campaign, Day, 0.5m));
        Assert.True(ledger.TryReserve("t", campaign, Day.AddDays(1), 0.5m));
        Assert.True(ledger.TryReserve("other-tenant", campaign, Day, 0.5m));
    }

    [Fact]
    public void Released_spend_of_a_failed_commit_is_available_again()
    {
        var ledger = new SpendLedger();
        var campaign = Terms.Campaign(budget: new BudgetTerms(null, 0.5m));
        Assert.True(ledger.TryReserve("t", campaign, Day, 0.5m));
        ledger.Release("t", campaign.CampaignId, Day, 0.5m);
        Assert.True(ledger.TryReserve("t", campaign, Day, 0.5m));
    }
}
