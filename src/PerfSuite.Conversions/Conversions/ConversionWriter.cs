using System.Threading.Channels;
using JasperFx;
using Marten;
using Npgsql;

namespace PerfSuite.Conversions.Conversions;

/// <summary>What one conversion request stores: its stream's first event and the claims that make it unique.</summary>
public sealed record ConversionWrite(string TenantId, Guid ConversionId, object Decided, OrderClaim? Order, IdempotentReply? Reply)
{
    internal TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A claim of the write (order id or Idempotency-Key) was taken by a conversion committed before it.</summary>
public sealed class ClaimTakenException(Exception inner) : Exception("An order id or Idempotency-Key of the conversion is already claimed", inner);

/// <summary>
/// Group commit for conversions, like the click path's: requests enqueue their write and await its commit; writer
/// loops commit whatever queued up meanwhile in one transaction (one Marten session per tenant on it). PostgreSQL
/// then sees a few concurrent transactions instead of one per request. If a batch hits a taken claim, it is rolled
/// back and its writes are committed one by one, so only the request whose claim was taken hears of it.
/// </summary>
public sealed class ConversionWriter(NpgsqlDataSource db, IDocumentStore store, ILogger<ConversionWriter> logger) : BackgroundService
{
    public const int MaxBatch = 200;
    public const int Writers = 2;

    private readonly Channel<ConversionWrite> _queue = Channel.CreateBounded<ConversionWrite>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Completes when the write is committed; throws <see cref="ClaimTakenException"/> when a claim was taken.</summary>
    public async Task Write(ConversionWrite write, CancellationToken ct)
    {
        await _queue.Writer.WriteAsync(write, ct);
        await write.Committed.Task.WaitAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() => WriteLoop(stoppingToken), stoppingToken)));

    private async Task WriteLoop(CancellationToken ct)
    {
        var batch = new List<ConversionWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(ct))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write)) batch.Add(write);
            if (batch.Count == 0) continue;
            try
            {
                await Commit(batch, ct);
                foreach (var write in batch) write.Committed.TrySetResult();
            }
            catch (Exception e) when (batch.Count > 1 && IsClaimTaken(e))
            {
                foreach (var write in batch) await CommitAlone(write, ct);
            }
            catch (Exception e)
            {
                if (!IsClaimTaken(e)) logger.LogError(e, "Group commit of {Count} conversions failed; their requests are answered 503", batch.Count);
                foreach (var write in batch) write.Committed.TrySetException(IsClaimTaken(e) ? new ClaimTakenException(e) : e);
            }
        }
    }

    private async Task CommitAlone(ConversionWrite write, CancellationToken ct)
    {
        try
        {
            await Commit([write], ct);
            write.Committed.TrySetResult();
        }
        catch (Exception e)
        {
            write.Committed.TrySetException(IsClaimTaken(e) ? new ClaimTakenException(e) : e);
        }
    }

    private async Task Commit(IReadOnlyList<ConversionWrite> batch, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var tenant in batch.GroupBy(w => w.TenantId))
        {
            var options = Marten.Services.SessionOptions.ForTransaction(transaction);
            options.TenantId = tenant.Key;
            await using var session = store.LightweightSession(options);
            foreach (var write in tenant)
            {
                session.Events.StartStream<Conversion>(write.ConversionId, write.Decided);
                if (write.Order is not null) session.Insert(write.Order);
                if (write.Reply is not null) session.Insert(write.Reply);
            }
            await session.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    private static bool IsClaimTaken(Exception e) => e is DocumentAlreadyExistsException || e.InnerException is DocumentAlreadyExistsException;
}
