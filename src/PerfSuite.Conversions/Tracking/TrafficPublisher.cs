using Marten;
using Npgsql;
using PerfSuite.BuildingBlocks.EventStore;

namespace PerfSuite.Conversions.Tracking;

/// <summary>
/// Every <see cref="Interval"/>, takes the traffic counts the group commits left pending, adds their spend to the
/// spend per campaign and day, and appends them as one <see cref="TrafficAggregated"/> event per tenant and campaign,
/// all in the transaction that deletes the rows: nothing is
/// published twice or lost, and a crash leaves the rows for the next run. Downstream work (Reporting, budgets,
/// CPC commissions) is then a few events a second per campaign, however many clicks there are.
/// </summary>
public sealed class TrafficPublisher(NpgsqlDataSource db, IDocumentStore store, TimeProvider time, ILogger<TrafficPublisher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private const int MaxRows = 10_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await PublishOrLog(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // A graceful stop publishes what the last batches left (a kill leaves it for the next start).
        await PublishOrLog(CancellationToken.None);
    }

    private async Task PublishOrLog(CancellationToken ct)
    {
        try
        {
            while (await PublishPendingAsync(ct) == MaxRows)
            {
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Publishing pending traffic failed; the rows stay for the next run");
        }
    }

    /// <summary>Returns how many pending rows were taken.</summary>
    public async Task<int> PublishPendingAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var now = time.GetUtcNow();
        var pending = await TrafficStore.TakePending(connection, MaxRows, now, ct);
        if (pending.Count == 0) return 0;
        await TrafficStore.AddSpend(connection, pending.SelectMany(p => p.Traffic.Counts.Select(c => (p.TenantId, p.Traffic.CampaignId, c.Day, c.Spend))), ct);
        foreach (var tenant in pending.GroupBy(p => p.TenantId))
        {
            await using var session = store.LightweightSession(transaction, tenant.Key);
            foreach (var traffic in TrafficAggregated.Merge(tenant.Select(p => p.Traffic), now))
                session.Events.StartStream(Guid.CreateVersion7(), traffic);
            await session.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return pending.Count;
    }
}
