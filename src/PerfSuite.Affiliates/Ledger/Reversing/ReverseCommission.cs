namespace PerfSuite.Affiliates.Ledger.Reversing;

/// <summary>What reversing a commission appends: to the commission itself, and a clawback commission when it was already paid.</summary>
public sealed record Reversal(IReadOnlyList<object> OnCommission, CommissionEarned? Clawback);

public static class ReverseCommission
{
    public static Reversal Decide(Commission state, string reason, DateTimeOffset now)
    {
        if (state.Kind == CommissionKinds.Clawback || state.Status == CommissionStatus.Reversed || state.ClawbackId is not null)
            return new Reversal([], null);
        if (state.Status != CommissionStatus.Paid)
            return new Reversal([new CommissionReversed(state.Id, state.AffiliateId, state.CampaignId, state.Kind, state.Amount, state.Currency, state.Day, reason, now)], null);

        var clawbackId = CommissionIds.ClawbackOf(state.Id);
        var clawback = new CommissionEarned(clawbackId, state.AffiliateId, state.CampaignId, state.ConversionId, CommissionKinds.Clawback,
            -state.Amount, state.Currency, state.Day, state.Weight, now, now, state.Id, state.Kind);
        return new Reversal([new CommissionClawedBack(state.Id, state.AffiliateId, clawbackId, state.Amount, state.Currency, reason, now)], clawback);
    }
}
