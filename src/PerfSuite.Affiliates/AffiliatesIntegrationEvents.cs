using JasperFx.Events;
using PerfSuite.Affiliates.Ledger;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Contracts;
using Domain = PerfSuite.Affiliates.Affiliates;

namespace PerfSuite.Affiliates;

/// <summary>
/// Which committed Affiliates events other services hear about, and in which shape. Commissions of kind cpa|cpl|revshare
/// are also campaign spend (negative when reversed or clawed back); CPC/CPM spend is published by Conversions, not here.
/// </summary>
public sealed class AffiliatesIntegrationEvents : IIntegrationEventTranslator
{
    public IEnumerable<IIntegrationEvent> Translate(IEvent committed) => committed.Data switch
    {
        Domain.AffiliateRegistered e => [new Contracts.AffiliateRegistered(e.AffiliateId, e.Name, e.Email, e.RegisteredAt)],
        Domain.AffiliateApproved e => [new Contracts.AffiliateApproved(e.AffiliateId, e.ApprovedAt)],
        Domain.AffiliateSuspended e => [new Contracts.AffiliateSuspended(e.AffiliateId, e.Reason, e.SuspendedAt)],
        CommissionEarned e => Earned(e),
        Ledger.CommissionApproved e => [new Contracts.CommissionApproved(e.CommissionId, e.AffiliateId, e.CampaignId, e.Amount, e.Currency, e.ApprovedAt)],
        Ledger.CommissionReversed e => Reversed(e),
        Ledger.CommissionPaid e => [new Contracts.CommissionPaid(e.CommissionId, e.AffiliateId, e.PayoutId, e.Amount, e.Currency, e.PaidAt)],
        Payouts.PayoutCreated e => [new Contracts.PayoutCreated(e.PayoutId, e.AffiliateId, e.Amount, e.Currency, e.Lines.Count, e.CreatedAt)],
        _ => [],
    };

    private static IEnumerable<IIntegrationEvent> Earned(CommissionEarned e)
    {
        yield return new CommissionCreated(e.CommissionId, e.AffiliateId, e.CampaignId, e.ConversionId, e.Kind, e.Amount, e.Currency, e.Day, e.CreatedAt);
        var spendKind = e.Kind == CommissionKinds.Clawback ? e.ClawbackOfKind : e.Kind;
        if (spendKind is not null && CommissionKinds.IsPublishedSpend(spendKind))
            yield return new SpendRecorded(e.CampaignId, e.AffiliateId, spendKind, e.Amount, e.Currency, e.Day, e.CreatedAt);
    }

    private static IEnumerable<IIntegrationEvent> Reversed(Ledger.CommissionReversed e)
    {
        yield return new Contracts.CommissionReversed(e.CommissionId, e.AffiliateId, e.CampaignId, e.Amount, e.Currency, e.Day, e.Reason, e.ReversedAt);
        if (CommissionKinds.IsPublishedSpend(e.Kind))
            yield return new SpendRecorded(e.CampaignId, e.AffiliateId, e.Kind, -e.Amount, e.Currency, e.Day, e.ReversedAt);
    }
}
