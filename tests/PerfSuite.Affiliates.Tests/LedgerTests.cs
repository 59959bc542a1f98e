using PerfSuite.Affiliates.Ledger;
using PerfSuite.Affiliates.Ledger.Approving;
using PerfSuite.Affiliates.Ledger.Earning;
using PerfSuite.Affiliates.Ledger.Reversing;
using PerfSuite.BuildingBlocks.EventStore;
using Credit = PerfSuite.Contracts.Credit;
using ConversionAttributed = PerfSuite.Contracts.ConversionAttributed;
using PayoutTerms = PerfSuite.Contracts.PayoutTerms;
using TrafficRecorded = PerfSuite.Contracts.TrafficRecorded;
using TrafficCount = PerfSuite.Contracts.TrafficCount;

namespace PerfSuite.Affiliates.Tests;

public sealed class LedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Campaign = Guid.NewGuid();

    private static Credit CreditTo(Guid affiliate, decimal weight) => new(Guid.NewGuid(), Guid.NewGuid(), affiliate, null, weight);

    private static ConversionAttributed Conversion(PayoutTerms payout, string type = "sale", decimal amount = 100m, bool payable = true,
        bool holdout = false, params Credit[] credits) =>
        new(Guid.NewGuid(), Campaign, type, amount, "USD", null, null, "order-1", null, null, Now, DateOnly.FromDateTime(Now.UtcDateTime),
            "affiliate", "linear", credits, [], holdout, payable, [], payout, null);

    [Fact]
    public void Three_equal_touches_over_ten_dollars_get_shares_summing_to_exactly_ten_dollars()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var third = 1m / 3m;
        var shares = CommissionRules.Split(10.00m, [CreditTo(a, third), CreditTo(b, third), CreditTo(c, 1m - 2 * third)]);

        Assert.Equal(10.00m, shares.Sum(s => s.Amount));
        Assert.Equal([a, b, c], shares.Select(s => s.AffiliateId));
        Assert.All(shares, s => Assert.InRange(s.Amount, 3.33m, 3.34m));
        Assert.Single(shares, s => s.Amount == 3.34m);
    }

    [Theory]
    [InlineData(0.01, 3)]
    [InlineData(99.99, 7)]
    [InlineData(25.00, 6)]
    [InlineData(1234.57, 11)]
    public void Shares_always_sum_to_the_payout_and_follow_the_weights(double payout, int touches)
    {
        var amount = (decimal)payout;
        var weights = Enumerable.Range(1, touches).Select(i => (decimal)i).ToList();
        var total = weights.Sum();
        var credits = weights.Select(w => CreditTo(Guid.NewGuid(), w / total)).ToArray();

        var shares = CommissionRules.Split(amount, credits);

        Assert.Equal(amount, shares.Sum(s => s.Amount));
        for (var i = 0; i < touches; i++)
            Assert.True(Math.Abs(shares[i].Amount - amount * weights[i] / total) < 0.01m, $"share {i} = {shares[i].Amount}");
    }

    [Fact]
    public void The_largest_remainder_gets_the_left_over_cent()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        // 0.07 × 0.4 = 0.028 (remainder 0.8 cent), 0.07 × 0.6 = 0.042 (remainder 0.2 cent)
        var shares = CommissionRules.Split(0.07m, [CreditTo(a, 0.4m), CreditTo(b, 0.6m)]);
        Assert.Equal([0.03m, 0.04m], shares.Select(s => s.Amount));
    }

    [Fact]
    public void Several_touches_of_one_affiliate_make_one_commission_with_their_weights_added()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var earned = CommissionRules.Earn(Conversion(new PayoutTerms("cpa", 30m, null), credits: [CreditTo(a, 0.25m), CreditTo(b, 0.5m), CreditTo(a, 0.25m)]), Now);

        Assert.Equal(2, earned.Count);
        Assert.Equal(15m, earned.Single(e => e.AffiliateId == a).Amount);
        Assert.Equal(0.5m, earned.Single(e => e.AffiliateId == a).Weight);
        Assert.Equal(15m, earned.Single(e => e.AffiliateId == b).Amount);
    }

    [Theory]
    [InlineData("cpa", 25.0, null, "sale", 200.0, 25.0)]
    [InlineData("cpa", null, null, "lead", 0.0, null)]
    [InlineData("cpa", 10.0, 5.0, "sale", 200.0, 20.0)]      // hybrid: fixed + percent
    [InlineData("cpl", 4.5, null, "lead", 0.0, 4.5)]
    [InlineData("cpl", 4.5, null, "sale", 80.0, null)]
    [InlineData("revshare", null, 12.5, "sale", 79.99, 10.0)] // 9.99875 rounds to 10.00
    [InlineData("revshare", null, 10.0, "sale", 0.0, null)]
    [InlineData("revshare", 2.0, 10.0, "install", 50.0, 7.0)] // hybrid
    [InlineData("cpc", 0.5, null, "sale", 100.0, null)]       // CPC accrues from traffic
    [InlineData("cpm", 3.0, null, "sale", 100.0, null)]
    public void Every_payout_model_pays_what_its_terms_say(string model, double? amount, double? percent, string type, double conversionAmount, double? expected)
    {
        var terms = new PayoutTerms(model, (decimal?)amount, (decimal?)percent);
        Assert.Equal((decimal?)expected, CommissionRules.Payout(terms, type, (decimal)conversionAmount));
    }

    [Fact]
    public void A_conversion_that_is_not_payable_or_in_the_holdout_earns_nothing()
    {
        var credit = CreditTo(Guid.NewGuid(), 1m);
        var terms = new PayoutTerms("cpa", 25m, null);
        Assert.Empty(CommissionRules.Earn(Conversion(terms, payable: false, credits: [credit]), Now));
        Assert.Empty(CommissionRules.Earn(Conversion(terms, holdout: true, credits: [credit]), Now));
        Assert.Single(CommissionRules.Earn(Conversion(terms, credits: [credit]), Now));
    }

    [Fact]
    public void A_commission_is_pending_for_the_hold_period_and_the_same_conversion_always_yields_the_same_commission_ids()
    {
        var conversion = Conversion(new PayoutTerms("cpa", 25m, null, HoldDays: 14), credits: [CreditTo(Guid.NewGuid(), 1m)]);
        var first = Assert.Single(CommissionRules.Earn(conversion, Now));
        var again = Assert.Single(CommissionRules.Earn(conversion, Now.AddMinutes(5)));

        Assert.Equal(first.CommissionId, again.CommissionId);
        Assert.Equal(Now.AddDays(14), first.HoldUntil);
        var commission = Commission.Create(first);
        Assert.Equal(CommissionStatus.Pending, commission.Status);

        var during = Assert.Throws<DomainRuleViolation>(() => ApproveCommission.Decide(commission, manual: false, Now.AddDays(13)));
        Assert.Equal("hold-period", during.Code);
        var approved = Assert.IsType<CommissionApproved>(Assert.Single(ApproveCommission.Decide(commission, manual: false, Now.AddDays(14))));
        Assert.False(approved.Manual);
        Assert.Equal(CommissionStatus.Approved, commission.Apply(approved).Status);
    }

    [Fact]
    public void An_operator_may_approve_during_the_hold_but_only_a_pending_commission()
    {
        var commission = Commission.Create(Assert.Single(CommissionRules.Earn(
            Conversion(new PayoutTerms("cpa", 25m, null, HoldDays: 30), credits: [CreditTo(Guid.NewGuid(), 1m)]), Now)));
        var approved = commission.Apply((CommissionApproved)ApproveCommission.Decide(commission, manual: true, Now)[0]);

        Assert.Equal(CommissionStatus.Approved, approved.Status);
        Assert.Equal("illegal-transition", Assert.Throws<DomainRuleViolation>(() => ApproveCommission.Decide(approved, true, Now)).Code);
    }

    [Fact]
    public void A_reversal_before_payment_reverses_the_commission_and_a_second_reversal_changes_nothing()
    {
        var commission = Commission.Create(Assert.Single(CommissionRules.Earn(
            Conversion(new PayoutTerms("cpl", 5m, null), type: "lead", credits: [CreditTo(Guid.NewGuid(), 1m)]), Now)));

        var reversal = ReverseCommission.Decide(commission, "refund", Now.AddDays(1));
        Assert.Null(reversal.Clawback);
        var reversed = Assert.IsType<CommissionReversed>(Assert.Single(reversal.OnCommission));
        Assert.Equal(5m, reversed.Amount);
        Assert.Equal("cpl", reversed.Kind);

        var after = commission.Apply(reversed);
        Assert.Equal(CommissionStatus.Reversed, after.Status);
        Assert.Empty(ReverseCommission.Decide(after, "refund", Now.AddDays(2)).OnCommission);
        Assert.Equal("illegal-transition", Assert.Throws<DomainRuleViolation>(() => ApproveCommission.Decide(after, true, Now)).Code);
    }

    [Fact]
    public void A_reversal_after_payment_creates_one_negative_clawback_that_is_owed_at_once()
    {
        var paid = Paid(Approved(Earned(40m)));

        var reversal = ReverseCommission.Decide(paid, "chargeback", Now.AddDays(3));
        var clawedBack = Assert.IsType<CommissionClawedBack>(Assert.Single(reversal.OnCommission));
        var clawback = Assert.IsType<CommissionEarned>(reversal.Clawback);
        Assert.Equal(-40m, clawback.Amount);
        Assert.Equal(CommissionKinds.Clawback, clawback.Kind);
        Assert.Equal("cpa", clawback.ClawbackOfKind);
        Assert.Equal(paid.Id, clawback.ClawbackOf);
        Assert.Equal(CommissionIds.ClawbackOf(paid.Id), clawback.CommissionId);
        Assert.Equal(CommissionStatus.Approved, Commission.Create(clawback).Status);

        var after = paid.Apply(clawedBack);
        Assert.Equal(CommissionStatus.Paid, after.Status);
        Assert.Equal(clawback.CommissionId, after.ClawbackId);
        Assert.Empty(ReverseCommission.Decide(after, "chargeback", Now.AddDays(4)).OnCommission);
        Assert.Null(ReverseCommission.Decide(after, "chargeback", Now.AddDays(4)).Clawback);
    }

    [Fact]
    public void Cpc_and_cpm_commissions_accrue_from_billable_traffic_per_link_and_day_and_skip_the_holdout()
    {
        var (affiliate, link, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var day = new DateOnly(2026, 3, 2);
        var traffic = new TrafficRecorded(Campaign, "EUR",
        [
            new TrafficCount(link, affiliate, null, day, false, 12, 10, 0, 0, 5.00m),
            new TrafficCount(link, affiliate, Guid.NewGuid(), day, false, 3, 3, 0, 0, 1.50m),
            new TrafficCount(other, affiliate, null, day, true, 4, 4, 0, 0, 2.00m),
            new TrafficCount(other, affiliate, null, day, false, 4, 0, 0, 0, 0m),
        ], Now);
        var messageId = Guid.NewGuid();

        var earned = Assert.Single(CommissionRules.Earn(traffic, messageId, new PayoutTerms("cpc", 0.5m, null, HoldDays: 7), Now));
        Assert.Equal(6.50m, earned.Amount);
        Assert.Equal("cpc", earned.Kind);
        Assert.Equal("EUR", earned.Currency);
        Assert.Null(earned.ConversionId);
        Assert.Equal(Now.AddDays(7), earned.HoldUntil);
        Assert.Equal(earned.CommissionId, CommissionRules.Earn(traffic, messageId, null, Now).Single().CommissionId);
        Assert.False(CommissionKinds.IsPublishedSpend(earned.Kind));
    }

    internal static Commission Earned(decimal amount, string currency = "USD", Guid? affiliate = null) =>
        Commission.Create(new CommissionEarned(Guid.NewGuid(), affiliate ?? Guid.Empty, Campaign, Guid.NewGuid(), "cpa", amount, currency,
            DateOnly.FromDateTime(Now.UtcDateTime), 1m, Now, Now));

    internal static Commission Approved(Commission c) => c.Apply((CommissionApproved)ApproveCommission.Decide(c, true, Now)[0]);

    internal static Commission Paid(Commission c) =>
        c.Apply(new CommissionPaid(c.Id, c.AffiliateId, c.CampaignId, Guid.NewGuid(), c.Amount, c.Currency, Now));
}
