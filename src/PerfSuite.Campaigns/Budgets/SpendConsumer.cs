using Marten;
using MassTransit;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Campaigns.Campaigns;
using PerfSuite.Contracts;

namespace PerfSuite.Campaigns.Budgets;

/// <summary>
/// Adds reported spend to the campaign's tally and, in the same transaction, pauses the campaign the moment a budget is
/// used up. Consumed in batches, one batch at a time: a batch's spends of one campaign are added together. Spends of
/// one campaign committed at once by two replicas collide on the tally's optimistic version (or the stream's) and the
/// loser is retried, so no amount is lost and the pause is appended once.
/// </summary>
public sealed class SpendConsumer(IDocumentStore store, TimeProvider time, ILogger<SpendConsumer> logger) : IdempotentBatchConsumer<SpendRecorded>(store)
{
    protected override async Task Handle(IReadOnlyList<SpendRecorded> messages, IDocumentSession session, CancellationToken ct)
    {
        foreach (var spends in messages.GroupBy(m => m.CampaignId))
            await AddSpend(spends.Key, spends.ToList(), session, ct);
    }

    private async Task AddSpend(Guid campaignId, IReadOnlyList<SpendRecorded> messages, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Campaign>(campaignId, ct);
        if (stream.Aggregate is not { } campaign)
        {
            logger.LogWarning("Spend {Amount} for unknown campaign {CampaignId} of tenant {Tenant} ignored",
                messages.Sum(m => m.Amount), campaignId, session.TenantId);
            return;
        }
        var spend = await session.LoadAsync<CampaignSpend>(campaign.Id, ct) ?? CampaignSpend.None(campaign.Id);
        foreach (var message in messages)
        {
            if (!string.Equals(message.Currency, campaign.Definition.Currency, StringComparison.Ordinal))
            {
                logger.LogWarning("Spend {Amount} {Currency} for campaign {CampaignId} in {CampaignCurrency} not counted: no currency conversion here",
                    message.Amount, message.Currency, message.CampaignId, campaign.Definition.Currency);
                continue;
            }
            spend = spend.Add(message.Day, message.Amount);
        }
        session.Store(spend);

        var now = time.GetUtcNow();
        var events = BudgetRules.Enforce(campaign, spend, now);
        if (events.Count == 0) return;
        stream.AppendMany(events);
        foreach (var paused in events.OfType<Campaigns.CampaignPaused>())
            if (paused.Day is { } day)
                session.Store(new DailyBudgetPause(campaign.Id, session.TenantId, BudgetRules.NextDayStartsAt(campaign, day)));
    }
}
