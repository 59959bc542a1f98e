using Marten;
using MassTransit;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Contracts;

namespace PerfSuite.Conversions.LiveCampaigns;

/// <summary>Applies one campaign change to the stored copy and to the in-memory view.</summary>
internal static class LiveCampaignChanges
{
    public static async Task Terms(IDocumentSession session, LiveCampaignView view, CampaignTerms terms, DateTimeOffset at, CancellationToken ct)
    {
        var stored = await session.LoadAsync<LiveCampaign>(terms.CampaignId, ct);
        var next = stored is null
            ? new LiveCampaign(terms.CampaignId, session.TenantId, terms, terms.Links, at)
            : stored.ChangedAt > at
                ? stored.WithLinks(terms.Links)
                : (stored with { Terms = terms, ChangedAt = at }).WithLinks(terms.Links);
        Save(session, view, next);
    }

    public static async Task Status(IDocumentSession session, LiveCampaignView view, Guid campaignId, string status, DateTimeOffset at, CancellationToken ct)
    {
        var stored = await session.LoadAsync<LiveCampaign>(campaignId, ct);
        if (stored?.Terms is null || stored.ChangedAt > at) return; // Not launched yet (the launch carries the status) or stale.
        Save(session, view, stored with { Terms = stored.Terms with { Status = status }, ChangedAt = at });
    }

    public static async Task Link(IDocumentSession session, LiveCampaignView view, Guid campaignId, TrackingLinkTerms link, DateTimeOffset at, CancellationToken ct)
    {
        var stored = await session.LoadAsync<LiveCampaign>(campaignId, ct)
            ?? new LiveCampaign(campaignId, session.TenantId, null, [], DateTimeOffset.MinValue);
        Save(session, view, stored.WithLinks([link]));
    }

    private static void Save(IDocumentSession session, LiveCampaignView view, LiveCampaign campaign)
    {
        session.Store(campaign with { StoredAt = DateTimeOffset.UtcNow });
        if (campaign.Current is { } terms) view.Put(campaign.TenantId, terms);
    }
}

public sealed class CampaignLaunchedConsumer(IDocumentStore store, LiveCampaignView view) : IdempotentConsumer<CampaignLaunched>(store)
{
    protected override Task Handle(CampaignLaunched message, IDocumentSession session, ConsumeContext<CampaignLaunched> context) =>
        LiveCampaignChanges.Terms(session, view, message.Campaign, message.LaunchedAt, context.CancellationToken);
}

public sealed class CampaignUpdatedConsumer(IDocumentStore store, LiveCampaignView view) : IdempotentConsumer<CampaignUpdated>(store)
{
    protected override Task Handle(CampaignUpdated message, IDocumentSession session, ConsumeContext<CampaignUpdated> context) =>
        LiveCampaignChanges.Terms(session, view, message.Campaign, message.UpdatedAt, context.CancellationToken);
}

public sealed class CampaignPausedConsumer(IDocumentStore store, LiveCampaignView view) : IdempotentConsumer<CampaignPaused>(store)
{
    protected override Task Handle(CampaignPaused message, IDocumentSession session, ConsumeContext<CampaignPaused> context) =>
        LiveCampaignChanges.Status(session, view, message.CampaignId, "paused", message.PausedAt, context.CancellationToken);
}

public sealed class CampaignResumedConsumer(IDocumentStore store, LiveCampaignView view) : IdempotentConsumer<CampaignResumed>(store)
{
    protected override Task Handle(CampaignResumed message, IDocumentSession session, ConsumeContext<CampaignResumed> context) =>
        LiveCampaignChanges.Status(session, view, message.CampaignId, "active", message.ResumedAt, context.CancellationToken);
}

public sealed class CampaignEndedConsumer(IDocumentStore store, LiveCampaignView view) : IdempotentConsumer<CampaignEnded>(store)
{
    protected override Task Handle(CampaignEnded message, IDocumentSession session, ConsumeContext<CampaignEnded> context) =>
        LiveCampaignChanges.Status(session, view, message.CampaignId, "ended", message.EndedAt, context.CancellationToken);
}

public sealed class TrackingLinkCreatedConsumer(IDocumentStore store, LiveCampaignView view) : IdempotentConsumer<TrackingLinkCreated>(store)
{
    protected override Task Handle(TrackingLinkCreated message, IDocumentSession session, ConsumeContext<TrackingLinkCreated> context) =>
        LiveCampaignChanges.Link(session, view, message.CampaignId, message.Link, message.CreatedAt, context.CancellationToken);
}

/// <summary>
/// Rebuilds the in-memory view from the stored copies before the service takes traffic, then reloads the copies
/// stored since its last look every second: with several replicas, each campaign event is consumed by one replica
/// (competing consumers) and the others learn of it from the store.
/// </summary>
public sealed class LiveCampaignLoader(IDocumentStore store, LiveCampaignView view, ILogger<LiveCampaignLoader> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    // Copies committed late (a consumer's transaction still open at the last look) are caught by the overlap.
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(5);
    private DateTimeOffset _since = DateTimeOffset.MinValue;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await Reload(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await Reload(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { logger.LogWarning(e, "Reloading live campaigns failed; retrying"); }
        }
    }

    private async Task Reload(CancellationToken ct)
    {
        var lookAt = DateTimeOffset.UtcNow;
        var since = _since == DateTimeOffset.MinValue ? _since : _since - Overlap;
        await using var session = store.QuerySession();
        var changed = await session.Query<LiveCampaign>().Where(x => x.AnyTenant() && x.StoredAt >= since).ToListAsync(ct);
        foreach (var campaign in changed)
            if (campaign.Current is { } terms) view.Put(campaign.TenantId, terms);
        _since = lookAt;
    }
}
