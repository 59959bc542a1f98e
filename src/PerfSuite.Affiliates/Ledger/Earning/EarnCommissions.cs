using Marten;
using MassTransit;
using PerfSuite.Affiliates.Webhooks;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Contracts;

namespace PerfSuite.Affiliates.Ledger.Earning;

public static class CommissionStreams
{
    /// <summary>
    /// Starts a stream per earned commission that does not exist yet (ids are derived from the cause, so a fact consumed
    /// twice finds its commission) and queues the webhooks; returns what was started.
    /// </summary>
    public static async Task<IReadOnlyList<CommissionEarned>> StartAsync(IDocumentSession session, IEnumerable<CommissionEarned> earned, DateTimeOffset now, CancellationToken ct)
    {
        var started = new List<CommissionEarned>();
        foreach (var e in earned)
        {
            if (await session.Events.FetchStreamStateAsync(e.CommissionId, ct) is not null) continue;
            session.Events.StartStream<Commission>(e.CommissionId, e);
            started.Add(e);
        }
        await WebhookOutbox.EnqueueAsync(session, started, now, ct);
        return started;
    }
}

/// <summary>Consumed in batches (conversions are the high-volume fact): one transaction per batch and tenant.</summary>
public sealed class ConversionAttributedConsumer(IDocumentStore store, TimeProvider time) : IdempotentBatchConsumer<ConversionAttributed>(store)
{
    protected override Task Handle(IReadOnlyList<ConversionAttributed> messages, IDocumentSession session, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // A conversion republished under another message id can sit in the same batch: its commission starts once.
        return CommissionStreams.StartAsync(session, messages.SelectMany(m => CommissionRules.Earn(m, now)).DistinctBy(e => e.CommissionId), now, ct);
    }
}

public sealed class TrafficRecordedConsumer(IDocumentStore store, TimeProvider time) : IdempotentConsumer<TrafficRecorded>(store)
{
    protected override async Task Handle(TrafficRecorded message, IDocumentSession session, ConsumeContext<TrafficRecorded> context)
    {
        var now = time.GetUtcNow();
        var campaign = await session.LoadAsync<CampaignPayout>(message.CampaignId, context.CancellationToken);
        if (campaign is not null && campaign.Payout.Model is not (CommissionKinds.Cpc or CommissionKinds.Cpm)) return;
        var earned = CommissionRules.Earn(message, context.MessageId!.Value, campaign?.Payout, now);
        await CommissionStreams.StartAsync(session, earned, now, context.CancellationToken);
    }
}
