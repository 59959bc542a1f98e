using PerfSuite.BuildingBlocks.EventStore;

namespace PerfSuite.Affiliates.Ledger.Approving;

public static class ApproveCommission
{
    /// <summary>Manual approval may cut the hold period short; the hold job approves when it ends.</summary>
    public static IReadOnlyList<object> Decide(Commission state, bool manual, DateTimeOffset now)
    {
        if (state.Status != CommissionStatus.Pending)
            throw new DomainRuleViolation("illegal-transition", $"A commission that is {state.Status.ToString().ToLowerInvariant()} cannot be approved; only a pending one can.");
        if (!manual && state.HoldUntil > now)
            throw new DomainRuleViolation("hold-period", $"The hold period runs until {state.HoldUntil:O}.");
        return [new CommissionApproved(state.Id, state.AffiliateId, state.CampaignId, state.Amount, state.Currency, manual, now)];
    }
}
