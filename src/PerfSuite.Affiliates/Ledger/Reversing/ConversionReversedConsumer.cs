using Marten;
using MassTransit;
using PerfSuite.Affiliates.Webhooks;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Contracts;

namespace PerfSuite.Affiliates.Ledger.Reversing;

/// <summary>Reverses the commissions of every credited affiliate; a paid one gets a clawback that the next payout nets off.</summary>
public sealed class ConversionReversedConsumer(IDocumentStore store, TimeProvider time) : IdempotentConsumer<ConversionReversed>(store)
{
    protected override async Task Handle(ConversionReversed message, IDocumentSession session, ConsumeContext<ConversionReversed> context)
    {
        var ct = context.CancellationToken;
        var now = time.GetUtcNow();
        var appended = new List<object>();
        foreach (var affiliateId in message.Credits.Select(c => c.AffiliateId).Distinct())
        {
            var stream = await session.Events.FetchForWriting<Commission>(CommissionIds.ForConversion(message.ConversionId, affiliateId), ct);
            if (stream.Aggregate is null) continue;
            var reversal = ReverseCommission.Decide(stream.Aggregate, message.Reason, now);
            stream.AppendMany(reversal.OnCommission);
            appended.AddRange(reversal.OnCommission);
            if (reversal.Clawback is { } clawback && await session.Events.FetchStreamStateAsync(clawback.CommissionId, ct) is null)
            {
                session.Events.StartStream<Commission>(clawback.CommissionId, clawback);
                appended.Add(clawback);
            }
        }
        await WebhookOutbox.EnqueueAsync(session, appended, now, ct);
    }
}
