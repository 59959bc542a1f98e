using Marten;
using Microsoft.Extensions.Options;
using PerfSuite.Affiliates.Webhooks;
using PerfSuite.BuildingBlocks.EventStore;

namespace PerfSuite.Affiliates.Ledger.Approving;

/// <summary>
/// Approves pending commissions whose hold period has ended, in every tenant. Safe on several replicas: each approval
/// is an optimistic-concurrency append, and a commission another replica approved first is skipped.
/// </summary>
public sealed class HoldPeriodJob(IDocumentStore store, IOptions<WebhookOptions> options, TimeProvider time, ILogger<HoldPeriodJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ApproveDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Approving commissions at the end of their hold period failed; retrying");
            }
            try { await Task.Delay(options.Value.HoldCheckInterval, time, stoppingToken); }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>Returns how many commissions were approved.</summary>
    public async Task<int> ApproveDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<Commission> due;
        await using (var query = store.QuerySession())
        {
            due = await query.Query<Commission>()
                .Where(c => c.AnyTenant() && c.Status == CommissionStatus.Pending && c.HoldUntil <= now)
                .OrderBy(c => c.HoldUntil)
                .Take(500)
                .ToListAsync(ct);
        }

        var approved = 0;
        foreach (var commission in due)
        {
            try
            {
                await using var session = store.LightweightSession(commission.TenantId!);
                var stream = await session.Events.FetchForWriting<Commission>(commission.Id, ct);
                if (stream.Aggregate is not { Status: CommissionStatus.Pending } current || current.HoldUntil > now) continue;
                var events = ApproveCommission.Decide(current, manual: false, now);
                stream.AppendMany(events);
                await WebhookOutbox.EnqueueAsync(session, events, now, ct);
                await session.SaveChangesAsync(ct);
                approved++;
            }
            catch (Exception e) when (StreamWrites.IsConcurrencyConflict(e))
            {
                // Approved, reversed or paid at the same moment by someone else: nothing to do.
            }
        }
        return approved;
    }
}
