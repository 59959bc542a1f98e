using Marten;
using MassTransit;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Contracts;

namespace PerfSuite.Conversions.LiveCampaigns;

/// <summary>Applies one campaign change to the stored copy and to the in-memory view.</summary>
internal static class LiveCampaignChanges
{
    public static async Task Apply(IDocumentSession session, LiveCampaignView view, Guid campaignId,
        Func<CampaignTerms, CampaignTerms> change, CancellationToken ct)
    {
        var stored = await session.LoadAsync<LiveCampaign>(campaignId, ct);
        if (stored is null) return; // Not launched yet: the launch carries the full terms.
        Put(session, view, change(stored.Terms));
    }

    public static void Put(IDocumentSession session, LiveCampaignView view, CampaignTerms terms)
    {
        var tenant = session.TenantId;
        session.Store(new LiveCampaign(terms.CampaignId, tenant, terms));
        view.Put(tenant, terms);
    }
}

public sealed class CampaignLaunchedConsumer(IDocumentStore store, LiveCampaignView view) : IdempotentConsumer<CampaignLaunched>(store)
{
    protected override Task Handle(CampaignLaunched message, IDocumentSession session, ConsumeContext<CampaignLaunched> context)
    {
        LiveCampaignChanges.Put(session, view, message.Campaign);
        return Task.CompletedTask;
    }
}

public sealed class CampaignUpdatedConsumer(IDocumentStore store, LiveCampaignView view) : IdempotentConsumer<CampaignUpdated>(store)
{
    protected override Task Handle(CampaignUpdated message, IDocumentSession session, ConsumeContext<CampaignUpdated> context)
    {
        LiveCampaignChanges.Put(session, view, message.Campaign);
        return Task.CompletedTask;
    }
}

public sealed class CampaignPausedConsumer(IDocumentStore store, LiveCampaignView view) : IdempotentConsumer<CampaignPaused>(store)
{
    protected override Task Handle(CampaignPaused message, IDocumentSession session, ConsumeContext<CampaignPaused> context) =>
        LiveCampaignChanges.Apply(session, view, message.CampaignId, t => t with { Status = "paused" }, context.CancellationToken);
}

public sealed class CampaignResumedConsumer(IDocumentStore store, LiveCampaignView view) : IdempotentConsumer<CampaignResumed>(store)
{
    protected override Task Handle(CampaignResumed message, IDocumentSession session, ConsumeContext<CampaignResumed> context) =>
        LiveCampaignChanges.Apply(session, view, message.CampaignId, t => t with { Status = "active" }, context.CancellationToken);
}

public sealed class CampaignEndedConsumer(IDocumentStore store, LiveCampaignView view) : IdempotentConsumer<CampaignEnded>(store)
{
    protected override Task Handle(CampaignEnded message, IDocumentSession session, ConsumeContext<CampaignEnded> context) =>
        LiveCampaignChanges.Apply(session, view, message.CampaignId, t => t with { Status = "ended" }, context.CancellationToken);
}

public sealed class TrackingLinkCreatedConsumer(IDocumentStore store, LiveCampaignView view) : IdempotentConsumer<TrackingLinkCreated>(store)
{
    protected override Task Handle(TrackingLinkCreated message, IDocumentSession session, ConsumeContext<TrackingLinkCreated> context) =>
        LiveCampaignChanges.Apply(session, view, message.CampaignId,
            t => t.Links.Any(l => l.LinkId == message.Link.LinkId) ? t : t with { Links = [.. t.Links, message.Link] },
            context.CancellationToken);
}

/// <summary>Rebuilds the in-memory view from the stored copies before the service takes traffic.</summary>
public sealed class LiveCampaignLoader(IDocumentStore store, LiveCampaignView view) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var all = await session.Query<LiveCampaign>().Where(x => x.AnyTenant()).ToListAsync(cancellationToken);
        foreach (var campaign in all) view.Put(campaign.TenantId, campaign.Terms);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
