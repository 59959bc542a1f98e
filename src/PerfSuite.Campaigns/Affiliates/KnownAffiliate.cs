using Marten;
using MassTransit;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Contracts;

namespace PerfSuite.Campaigns.Affiliates;

/// <summary>
/// Campaigns' local view of the tenant's affiliates, fed by Affiliates' integration events, so that a tracking link
/// is only ever made for an approved affiliate of the same tenant. The latest change wins even if messages arrive out of order.
/// </summary>
public sealed record KnownAffiliate(Guid Id, bool Approved, DateTimeOffset ChangedAt);

public static class KnownAffiliates
{
    public static async Task Record(IDocumentSession session, Guid affiliateId, bool approved, DateTimeOffset at, CancellationToken ct)
    {
        var known = await session.LoadAsync<KnownAffiliate>(affiliateId, ct);
        if (known is not null && known.ChangedAt > at) return;
        session.Store(new KnownAffiliate(affiliateId, approved, at));
    }
}

public sealed class AffiliateApprovedConsumer(IDocumentStore store) : IdempotentConsumer<AffiliateApproved>(store)
{
    protected override Task Handle(AffiliateApproved message, IDocumentSession session, ConsumeContext<AffiliateApproved> context) =>
        KnownAffiliates.Record(session, message.AffiliateId, approved: true, message.ApprovedAt, context.CancellationToken);
}

public sealed class AffiliateSuspendedConsumer(IDocumentStore store) : IdempotentConsumer<AffiliateSuspended>(store)
{
    protected override Task Handle(AffiliateSuspended message, IDocumentSession session, ConsumeContext<AffiliateSuspended> context) =>
        KnownAffiliates.Record(session, message.AffiliateId, approved: false, message.SuspendedAt, context.CancellationToken);
}
