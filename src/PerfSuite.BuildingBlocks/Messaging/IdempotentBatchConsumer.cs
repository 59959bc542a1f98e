using JasperFx;
using Marten;
using MassTransit;

namespace PerfSuite.BuildingBlocks.Messaging;

/// <summary>
/// <see cref="IdempotentConsumer{T}"/> for many messages at once: per tenant in the batch, one session skips the
/// messages already processed, applies the rest and records them as processed, in one commit. A high-volume stream
/// of messages then costs one transaction per batch instead of one per message. Processed-message keys are the same
/// as the one-at-a-time consumer's of the same name, so switching between the two never reprocesses a message.
/// If a concurrent delivery of one of the messages commits first, the batch fails and is retried, and the retry
/// skips what was committed.
/// </summary>
public abstract class IdempotentBatchConsumer<T>(IDocumentStore store) : IConsumer<Batch<T>> where T : class
{
    /// <summary>When set, batches of every consumer sharing the gate are handled and committed one at a time.</summary>
    protected virtual SemaphoreSlim? Gate => null;

    public async Task Consume(ConsumeContext<Batch<T>> context)
    {
        if (Gate is not { } gate)
        {
            await ConsumeBatch(context);
            return;
        }
        await gate.WaitAsync(context.CancellationToken);
        try
        {
            await ConsumeBatch(context);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task ConsumeBatch(ConsumeContext<Batch<T>> context)
    {
        var messages = context.Message.Select(m => (Context: m, Tenant: ConsumedMessage.TenantOf(m), Key: ConsumedMessage.ProcessedKey(GetType(), m))).ToList();
        foreach (var tenant in messages.GroupBy(m => m.Tenant))
        {
            await using var session = store.LightweightSession(tenant.Key);
            var keys = tenant.Select(m => m.Key).Distinct().ToList();
            var processed = (await session.LoadManyAsync<ProcessedMessage>(context.CancellationToken, keys)).Select(p => p.Id).ToHashSet();
            var fresh = tenant.Where(m => !processed.Contains(m.Key)).DistinctBy(m => m.Key).ToList();
            if (fresh.Count == 0) continue;

            await Handle(fresh.Select(m => m.Context.Message).ToList(), session, context.CancellationToken);
            var now = DateTimeOffset.UtcNow;
            foreach (var m in fresh) session.Insert(new ProcessedMessage(m.Key, now));
            await session.SaveChangesAsync(context.CancellationToken);
        }
    }

    /// <summary>Apply the messages' effects (in their order) to the session; do not call SaveChanges.</summary>
    protected abstract Task Handle(IReadOnlyList<T> messages, IDocumentSession session, CancellationToken ct);
}

public static class BatchConsumerRegistration
{
    /// <summary>Adds a batch consumer: batches of up to 200 messages, collected for at most 20 ms, one batch at a time.</summary>
    public static void AddBatchConsumer<TConsumer>(this IBusRegistrationConfigurator bus) where TConsumer : class, IConsumer =>
        bus.AddConsumer<TConsumer>(c => c.Options<BatchOptions>(o =>
            o.SetMessageLimit(200).SetTimeLimit(TimeSpan.FromMilliseconds(20)).SetConcurrencyLimit(1)));
}
