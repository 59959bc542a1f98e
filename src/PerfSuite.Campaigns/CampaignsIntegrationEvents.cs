using JasperFx.Events;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Campaigns.Campaigns;
using PerfSuite.Contracts;

namespace PerfSuite.Campaigns;

/// <summary>Which committed Campaigns events other services hear about, and in which shape.</summary>
public sealed class CampaignsIntegrationEvents : IIntegrationEventTranslator
{
    public IEnumerable<IIntegrationEvent> Translate(IEvent committed) => committed.Data switch
    {
        Campaigns.CampaignLaunched e => [new Contracts.CampaignLaunched(e.Terms, e.LaunchedAt)],
        _ => [],
    };
}
