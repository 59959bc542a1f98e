using System.Threading.Channels;

namespace PerfSuite.Conversions.Tracking;

/// <summary>
/// Group commit for the click path. Requests enqueue hits and await their batch's commit; writer loops
/// drain the queue — a loop takes whatever queued up while the previous commit ran (up to
/// <see cref="MaxBatch"/>), so batches grow with load and a lone click commits at once. One transaction
/// per batch, sent in one round trip: the clicks, and the batch's counts and spend per campaign as pending rows
/// (<see cref="TrafficPublisher"/> turns them into events). A request is answered 302 only after that commit, so
/// every 302'd click is durable.
/// </summary>
public sealed class TrafficWriter(TrafficStore store, SpendLedger ledger, TimeProvider time, ILogger<TrafficWriter> logger)
    : BackgroundService
{
    public const int MaxBatch = 1000;
    public const int Writers = 4;

    private readonly Channel<TrafficHit> _queue = Channel.CreateBounded<TrafficHit>(
        new BoundedChannelOptions(50_000) { FullMode = BoundedChannelFullMode.Wait });

    public async Task Record(TrafficHit hit, CancellationToken ct)
    {
        await _queue.Writer.WriteAsync(hit, ct);
        await hit.Committed.Task.WaitAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() => WriteLoop(stoppingToken), stoppingToken)));

    private async Task WriteLoop(CancellationToken ct)
    {
        var batch = new List<TrafficHit>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(ct))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var hit)) batch.Add(hit);
            if (batch.Count == 0) continue;
            try
            {
                await Commit(batch, ct);
                foreach (var hit in batch) hit.Committed.TrySetResult();
            }
            catch (Exception e)
            {
                logger.LogError(e, "Group commit of {Count} hits failed; their requests are answered 503", batch.Count);
                foreach (var hit in batch)
                {
                    if (hit.Spend != 0) ledger.Release(hit.TenantId, hit.CampaignId, hit.Day, hit.Spend);
                    hit.Committed.TrySetException(e);
                }
            }
        }
    }

    private Task Commit(List<TrafficHit> batch, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.Insert(
            batch.Where(h => h.Kind == HitKind.Click).ToList(),
            batch.GroupBy(h => h.TenantId).SelectMany(tenant => TrafficAggregated.From(tenant, now).Select(t => (tenant.Key, t))),
            ct);
    }
}
