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
        var tenant = context.Headers.Get<string>(MessageHeaders.Tenant);
        if (string.IsNullOrEmpty(tenant))
            throw new InvalidOperationException($"{typeof(T).Name} {context.MessageId} has no {MessageHeaders.Tenant} header");
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(T).Name} has no message id");
        var key = $"{GetType().Name}/{messageId:N}";

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
