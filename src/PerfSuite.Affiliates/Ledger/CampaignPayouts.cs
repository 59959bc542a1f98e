using Marten;
using MassTransit;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Contracts;

namespace PerfSuite.Affiliates.Ledger;

/// <summary>The payout terms of a launched campaign, kept from Campaigns' events for CPC/CPM accrual (document id = campaign id).</summary>
public sealed record CampaignPayout(Guid Id, string Currency, PayoutTerms Payout, DateTimeOffset UpdatedAt);

public sealed class CampaignLaunchedConsumer(IDocumentStore store) : IdempotentConsumer<CampaignLaunched>(store)
{
    protected override Task Handle(CampaignLaunched message, IDocumentSession session, ConsumeContext<CampaignLaunched> context)
    {
        session.Store(new CampaignPayout(message.Campaign.CampaignId, message.Campaign.Currency, message.Campaign.Payout, message.LaunchedAt));
        return Task.CompletedTask;
    }
}

public sealed class CampaignUpdatedConsumer(IDocumentStore store) : IdempotentConsumer<CampaignUpdated>(store)
{
    protected override Task Handle(CampaignUpdated message, IDocumentSession session, ConsumeContext<CampaignUpdated> context)
    {
        session.Store(new CampaignPayout(message.Campaign.CampaignId, message.Campaign.Currency, message.Campaign.Payout, message.UpdatedAt));
        return Task.CompletedTask;
    }
}
