using PerfSuite.Affiliates.Ledger;
using PerfSuite.Affiliates.Ledger.Reversing;
using PerfSuite.Affiliates.Payouts;
using static PerfSuite.Affiliates.Tests.LedgerTests;

namespace PerfSuite.Affiliates.Tests;

public sealed class PayoutTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_payout_pays_every_approved_commission_of_the_affiliate_one_payout_per_currency()
    {
        var affiliate = Guid.NewGuid();
        var commissions = new[]
        {
            Approved(Earned(10m, "USD", affiliate)), Approved(Earned(2.5m, "USD", affiliate)), Approved(Earned(7m, "EUR", affiliate)),
            Earned(99m, "USD", affiliate), // pending: not yet
            Approved(Earned(50m, "USD", Guid.NewGuid())), // someone else's
        };

        var payouts = PayoutPlanner.Plan(affiliate, commissions, Guid.NewGuid, Now);

        Assert.Equal(["EUR", "USD"], payouts.Select(p => p.Created.Currency));
        var usd = payouts.Single(p => p.Created.Currency == "USD");
        Assert.Equal(12.5m, usd.Created.Amount);
        Assert.Equal(2, usd.Created.Lines.Count);
        Assert.All(usd.Paid, paid => Assert.Equal(usd.Created.PayoutId, paid.PayoutId));
        Assert.Equal(commissions[..2].Select(c => c.Id).Order(), usd.Paid.Select(p => p.CommissionId).Order());
    }

    [Fact]
    public void The_next_payout_nets_off_a_clawback_of_a_paid_commission()
    {
        var affiliate = Guid.NewGuid();
        var paid = Paid(Approved(Earned(30m, "USD", affiliate)));
        var reversal = ReverseCommission.Decide(paid, "chargeback", Now);
        var clawback = Commission.Create(reversal.Clawback!);
        var fresh = Approved(Earned(45m, "USD", affiliate));

        var payout = Assert.Single(PayoutPlanner.Plan(affiliate, [paid.Apply((CommissionClawedBack)reversal.OnCommission[0]), clawback, fresh], Guid.NewGuid, Now));

        Assert.Equal(15m, payout.Created.Amount);
        Assert.Equal(new[] { clawback.Id, fresh.Id }.Order(), payout.Created.Lines.Select(l => l.CommissionId).Order());
        Assert.Contains(payout.Paid, p => p.CommissionId == clawback.Id && p.Amount == -30m);
    }

    [Fact]
    public void Clawbacks_larger_than_what_is_approved_stay_owed_and_nothing_is_paid()
    {
        var affiliate = Guid.NewGuid();
        var paid = Paid(Approved(Earned(30m, "USD", affiliate)));
        var clawback = Commission.Create(ReverseCommission.Decide(paid, "chargeback", Now).Clawback!);

        Assert.Empty(PayoutPlanner.Plan(affiliate, [clawback, Approved(Earned(20m, "USD", affiliate))], Guid.NewGuid, Now));
    }
}
