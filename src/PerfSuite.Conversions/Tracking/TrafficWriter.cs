using PerfSuite.BuildingBlocks.EventStore;

namespace PerfSuite.Conversions.Tracking;

/// <summary>
/// Group commit for the click path (batches of up to 1000 hits, four writer loops). One transaction
/// per batch, sent in one round trip: the clicks, and the batch's counts and spend per campaign as pending rows
/// (<see cref="TrafficPublisher"/> turns them into events). A request is answered 302 only after that commit, so
/// every 302'd click is durable.
/// </summary>
public sealed class TrafficWriter(TrafficStore store, SpendLedger ledger, TimeProvider time, ILogger<TrafficWriter> logger)
    : GroupCommit<TrafficHit>(maxBatch: 1000, writers: 4, capacity: 50_000)
{
    public Task Record(TrafficHit hit, CancellationToken ct) => Enqueue(hit, ct);

    protected override Task CommitAsync(IReadOnlyList<TrafficHit> batch, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.Insert(
            batch.Where(h => h.Kind == HitKind.Click).ToList(),
            batch.GroupBy(h => h.TenantId).SelectMany(tenant => TrafficAggregated.From(tenant, now).Select(t => (tenant.Key, t))),
            ct);
    }

    protected override Task FailedAsync(IReadOnlyList<TrafficHit> batch, Exception exception, CancellationToken ct)
    {
        logger.LogError(exception, "Group commit of {Count} hits failed; their requests are answered 503", batch.Count);
        foreach (var hit in batch.Where(h => h.Spend != 0)) ledger.Release(hit.TenantId, hit.CampaignId, hit.Day, hit.Spend);
        return base.FailedAsync(batch, exception, ct);
    }
}
