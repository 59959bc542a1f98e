using Marten;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.Campaigns.Campaigns;

namespace PerfSuite.Campaigns.Budgets;

/// <summary>A campaign paused for its daily budget, due to be looked at again when the next tenant-local day starts.</summary>
public sealed record DailyBudgetPause(Guid Id, string Tenant, DateTimeOffset ResumeAt);

/// <summary>
/// Resumes campaigns paused for their daily budget once the tenant-local day is over. Several replicas may run it:
/// a resume is an optimistic append to the campaign stream, so only one of them wins and the others see no work.
/// </summary>
public sealed class DailyBudgetResumer(IDocumentStore store, TimeProvider time, IConfiguration configuration, ILogger<DailyBudgetResumer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Campaigns:DailyResumeInterval", TimeSpan.FromSeconds(30));
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try { await ResumeDueAsync(stoppingToken); }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Resuming daily-paused campaigns failed; retrying at the next tick");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task ResumeDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<DailyBudgetPause> due;
        await using (var query = store.QuerySession())
            due = await query.Query<DailyBudgetPause>().Where(p => p.AnyTenant() && p.ResumeAt <= now).Take(500).ToListAsync(ct);

        foreach (var pause in due)
        {
            await using var session = store.LightweightSession(pause.Tenant);
            var stream = await session.Events.FetchForWriting<Campaign>(pause.Id, ct);
            var spend = await session.LoadAsync<CampaignSpend>(pause.Id, ct) ?? CampaignSpend.None(pause.Id);
            var events = stream.Aggregate is { } campaign ? BudgetRules.ResumeNextDay(campaign, spend, now) : [];
            stream.AppendMany(events);
            if (events.Count == 0 && stream.Aggregate is { Status: CampaignStatus.Paused, StatusReason: StatusReasons.DailyBudgetExhausted } stillPaused)
                session.Store(pause with { ResumeAt = BudgetRules.NextDayStartsAt(stillPaused, stillPaused.LocalDay(now)) });
            else
                session.Delete<DailyBudgetPause>(pause.Id);
            try { await session.SaveChangesAsync(ct); }
            catch (Exception e) when (StreamWrites.IsConcurrencyConflict(e))
            {
                logger.LogInformation("Campaign {CampaignId} changed while resuming it for the next day; looking again at the next tick", pause.Id);
            }
        }
    }
}
