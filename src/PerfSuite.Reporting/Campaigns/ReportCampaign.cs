using Marten;
using MassTransit;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Contracts;

namespace PerfSuite.Reporting.Campaigns;

/// <summary>Reporting's view of a campaign: the dimensions its KPI rows are labelled with.</summary>
public sealed record ReportCampaign(Guid Id, Guid AdvertiserId, string Name, string Channel, string Currency, string TimeZone, string Status, DateTimeOffset LaunchedAt);

public sealed class CampaignLaunchedConsumer(IDocumentStore store) : IdempotentConsumer<CampaignLaunched>(store)
{
    protected override Task Handle(CampaignLaunched message, IDocumentSession session, ConsumeContext<CampaignLaunched> context)
    {
        var c = message.Campaign;
        session.Store(new ReportCampaign(c.CampaignId, c.AdvertiserId, c.Name, c.Channel, c.Currency, c.TimeZone, c.Status, message.LaunchedAt));
        return Task.CompletedTask;
    }
}
