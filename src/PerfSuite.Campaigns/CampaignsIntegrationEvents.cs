using JasperFx.Events;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Campaigns.Campaigns;
using PerfSuite.Contracts;

namespace PerfSuite.Campaigns;

/// <summary>
/// Which committed Campaigns events other services hear about, and in which shape. Changes to a draft stay private
/// (CampaignLaunched carries the full terms); changes to a launched campaign go out as CampaignUpdated with the full new terms.
/// Tracking links are published whatever the status, so the click path knows them before launch.
/// </summary>
public sealed class CampaignsIntegrationEvents : IIntegrationEventTranslator
{
    public IEnumerable<IIntegrationEvent> Translate(IEvent committed) => committed.Data switch
    {
        Campaigns.CampaignLaunched e => [new Contracts.CampaignLaunched(e.Terms, e.LaunchedAt)],
        CampaignRevised e => Updated(e.Terms, e.RevisedAt),
        VariantAdded e => Updated(e.Terms, e.AddedAt),
        VariantChanged e => Updated(e.Terms, e.ChangedAt),
        PostbackTokenRotated e => Updated(e.Terms, e.RotatedAt),
        TrackingLinkAdded e => [new TrackingLinkCreated(committed.StreamId, e.Link, e.CreatedAt)],
        Campaigns.CampaignPaused e => [new Contracts.CampaignPaused(committed.StreamId, e.Reason, e.PausedAt)],
        Campaigns.CampaignResumed e => [new Contracts.CampaignResumed(committed.StreamId, e.Reason, e.ResumedAt)],
        Campaigns.CampaignEnded e => [new Contracts.CampaignEnded(committed.StreamId, e.Reason, e.EndedAt)],
        _ => [],
    };

    private static IEnumerable<IIntegrationEvent> Updated(CampaignTerms terms, DateTimeOffset at) =>
        terms.Status == "draft" ? [] : [new CampaignUpdated(terms, at)];
}
