using JasperFx.Events;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Contracts;
using Domain = PerfSuite.Affiliates.Affiliates;

namespace PerfSuite.Affiliates;

/// <summary>Which committed Affiliates events other services hear about, and in which shape.</summary>
public sealed class AffiliatesIntegrationEvents : IIntegrationEventTranslator
{
    public IEnumerable<IIntegrationEvent> Translate(IEvent committed) => committed.Data switch
    {
        Domain.AffiliateRegistered e => [new Contracts.AffiliateRegistered(e.AffiliateId, e.Name, e.Email, e.RegisteredAt)],
        Domain.AffiliateApproved e => [new Contracts.AffiliateApproved(e.AffiliateId, e.ApprovedAt)],
        Domain.AffiliateSuspended e => [new Contracts.AffiliateSuspended(e.AffiliateId, e.Reason, e.SuspendedAt)],
        _ => [],
    };
}
