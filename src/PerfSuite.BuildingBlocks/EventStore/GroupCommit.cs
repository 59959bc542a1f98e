using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace PerfSuite.BuildingBlocks.EventStore;

/// <summary>An item of a group commit: the request that produced it awaits <see cref="Committed"/>.</summary>
public interface IGroupCommitted
{
    TaskCompletionSource Committed { get; }
}

/// <summary>
/// Group commit: requests enqueue an item and await its batch's commit; <see cref="Writers"/> loops each take whatever
/// queued up while their previous commit ran (up to <see cref="MaxBatch"/>), so batches grow with load and a lone item
/// commits at once. A request is answered only after its item is committed.
/// </summary>
public abstract class GroupCommit<T>(int maxBatch, int writers, int capacity) : BackgroundService where T : IGroupCommitted
{
    public int MaxBatch => maxBatch;
    public int Writers => writers;

    private readonly Channel<T> _queue = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Completes when the item is committed; throws what its commit threw.</summary>
    public async Task Enqueue(T item, CancellationToken ct)
    {
        await _queue.Writer.WriteAsync(item, ct);
        await item.Committed.Task.WaitAsync(ct);
    }

    /// <summary>Commits the batch in one transaction, or throws and commits none of it.</summary>
    protected abstract Task CommitAsync(IReadOnlyList<T> batch, CancellationToken ct);

    /// <summary>The batch's commit failed: by default every item fails with the exception.</summary>
    protected virtual Task FailedAsync(IReadOnlyList<T> batch, Exception exception, CancellationToken ct)
    {
        foreach (var item in batch) item.Committed.TrySetException(exception);
        return Task.CompletedTask;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() => WriteLoop(stoppingToken), stoppingToken)));

    private async Task WriteLoop(CancellationToken ct)
    {
        var batch = new List<T>(maxBatch);
        while (await _queue.Reader.WaitToReadAsync(ct))
        {
            batch.Clear();
            while (batch.Count < maxBatch && _queue.Reader.TryRead(out var item)) batch.Add(item);
            if (batch.Count == 0) continue;
            try
            {
                await CommitAsync(batch, ct);
                foreach (var item in batch) item.Committed.TrySetResult();
            }
            catch (Exception e)
            {
                await FailedAsync(batch, e, ct);
            }
        }
    }
}
