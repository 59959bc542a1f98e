using Marten;
using JasperFx;
using MassTransit;

namespace PerfSuite.BuildingBlocks.Messaging;

/// <summary>
/// Base for every consumer: opens a session for the message's tenant, skips a message it has already
/// processed, and commits the effect together with the processed-message record. Two deliveries of one
/// message racing each other collide on that record's primary key; the loser's effect is rolled back.
/// Different messages are consumed concurrently: a read-modify-write effect on a shared document must use
/// Marten's optimistic concurrency for that document type, so the losing writer fails, is retried by
/// MassTransit and re-reads (or the effect must be an append, or a projection's job).
/// </summary>
public abstract class IdempotentConsumer<T>(IDocumentStore store) : IConsumer<T> where T : class
{
    public async Task Consume(ConsumeContext<T> context)
    {
        var tenant = ConsumedMessage.TenantOf(context);
        var key = ConsumedMessage.ProcessedKey(GetType(), context);

        await using var session = store.LightweightSession(tenant);
        if (await session.LoadAsync<ProcessedMessage>(key, context.CancellationToken) is not null) return;

        await Handle(context.Message, session, context);
        session.Insert(new ProcessedMessage(key, DateTimeOffset.UtcNow));
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (DocumentAlreadyExistsException e) when (e.DocType == typeof(ProcessedMessage))
        {
            // A concurrent delivery of the same message committed first.
        }
    }

    /// <summary>Apply the message's effect to the session; do not call SaveChanges.</summary>
    protected abstract Task Handle(T message, IDocumentSession session, ConsumeContext<T> context);
}

/// <summary>What every idempotent consumer reads off a message: its tenant, and the key it is recorded as processed under.</summary>
public static class ConsumedMessage
{
    public static string TenantOf<T>(ConsumeContext<T> context) where T : class =>
        context.Headers.Get<string>(MessageHeaders.Tenant) is { Length: > 0 } tenant
            ? tenant
            : throw new InvalidOperationException($"{typeof(T).Name} {context.MessageId} has no {MessageHeaders.Tenant} header");

    /// <summary>The consumer's name and the message id: the same for a one-at-a-time and a batch consumer of that name.</summary>
    public static string ProcessedKey<T>(Type consumer, ConsumeContext<T> context) where T : class =>
        $"{consumer.Name}/{context.MessageId ?? throw new InvalidOperationException($"{typeof(T).Name} has no message id"):N}";
}
