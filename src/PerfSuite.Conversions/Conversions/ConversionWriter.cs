using JasperFx;
using Marten;
using Npgsql;
using PerfSuite.BuildingBlocks.EventStore;

namespace PerfSuite.Conversions.Conversions;

/// <summary>What one conversion request stores: its stream's first event and the claims that make it unique.</summary>
public sealed record ConversionWrite(string TenantId, Guid ConversionId, object Decided, OrderClaim? Order, IdempotentReply? Reply) : IGroupCommitted
{
    public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A claim of the write (order id or Idempotency-Key) was taken by a conversion committed before it.</summary>
public sealed class ClaimTakenException(Exception inner) : Exception("An order id or Idempotency-Key of the conversion is already claimed", inner);

/// <summary>
/// Group commit for conversions (batches of up to 200, two writer loops): one transaction per batch, one Marten
/// session per tenant on it, so PostgreSQL sees a few concurrent transactions instead of one per request. If a batch
/// hits a taken claim, it is rolled back and its writes are committed one by one, so only the request whose claim was
/// taken hears of it.
/// </summary>
public sealed class ConversionWriter(NpgsqlDataSource db, IDocumentStore store, ILogger<ConversionWriter> logger)
    : GroupCommit<ConversionWrite>(maxBatch: 200, writers: 2, capacity: 10_000)
{
    /// <summary>Completes when the write is committed; throws <see cref="ClaimTakenException"/> when a claim was taken.</summary>
    public Task Write(ConversionWrite write, CancellationToken ct) => Enqueue(write, ct);

    protected override async Task FailedAsync(IReadOnlyList<ConversionWrite> batch, Exception exception, CancellationToken ct)
    {
        if (batch.Count > 1 && IsClaimTaken(exception))
        {
            foreach (var write in batch) await CommitAlone(write, ct);
            return;
        }
        if (!IsClaimTaken(exception)) logger.LogError(exception, "Group commit of {Count} conversions failed; their requests fail", batch.Count);
        foreach (var write in batch) write.Committed.TrySetException(AsSeenByRequest(exception));
    }

    private async Task CommitAlone(ConversionWrite write, CancellationToken ct)
    {
        try
        {
            await CommitAsync([write], ct);
            write.Committed.TrySetResult();
        }
        catch (Exception e)
        {
            write.Committed.TrySetException(AsSeenByRequest(e));
        }
    }

    protected override async Task CommitAsync(IReadOnlyList<ConversionWrite> batch, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var tenant in batch.GroupBy(w => w.TenantId))
        {
            await using var session = store.LightweightSession(transaction, tenant.Key);
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

    private static Exception AsSeenByRequest(Exception e) => IsClaimTaken(e) ? new ClaimTakenException(e) : e;

    private static bool IsClaimTaken(Exception e) => e is DocumentAlreadyExistsException || e.InnerException is DocumentAlreadyExistsException;
}
