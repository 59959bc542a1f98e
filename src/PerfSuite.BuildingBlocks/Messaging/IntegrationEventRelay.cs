using System.Security.Cryptography;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerfSuite.Contracts;

namespace PerfSuite.BuildingBlocks.Messaging;

/// <summary>Maps a committed domain event of a service to the integration events it implies (often none).</summary>
public interface IIntegrationEventTranslator
{
    IEnumerable<IIntegrationEvent> Translate(IEvent committed);
}

/// <summary>
/// Relays integration events to RabbitMQ from the committed Marten event store. It runs as a Marten
/// subscription in the async daemon, whose progress is stored in PostgreSQL: if the broker or the
/// service is down, the relay resumes from its stored position, so nothing committed is lost. The
/// message id is the event id (derived deterministically when one event yields several messages),
/// so consumers can deduplicate. Messages of one stream are published in stream order. A page is
/// acknowledged only after every message of it is confirmed by the broker.
/// </summary>
public sealed class IntegrationEventRelay(
    IBus bus, IIntegrationEventTranslator translator, ILogger<IntegrationEventRelay> logger) : SubscriptionBase
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // One stream's messages go out in order; different streams' messages go out concurrently.
        var byStream = new Dictionary<(string Tenant, Guid Stream), List<(IIntegrationEvent Message, Guid MessageId)>>();
        foreach (var e in page.Events)
        {
            var index = 0;
            foreach (var message in translator.Translate(e))
            {
                var key = (e.TenantId, e.StreamId);
                if (!byStream.TryGetValue(key, out var list)) byStream[key] = list = [];
                list.Add((message, index == 0 ? e.Id : DerivedId(e.Id, index)));
                index++;
            }
        }

        using var concurrency = new SemaphoreSlim(64);
        await Task.WhenAll(byStream.Select(async stream =>
        {
            await concurrency.WaitAsync(cancellationToken);
            try
            {
                foreach (var (message, messageId) in stream.Value)
                    await PublishUntilConfirmed(message, messageId, stream.Key.Tenant, cancellationToken);
            }
            finally { concurrency.Release(); }
        }));
        return NullChangeListener.Instance;
    }

    private async Task PublishUntilConfirmed(IIntegrationEvent message, Guid messageId, string tenant, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(PublishTimeout);
                await bus.Publish(message, message.GetType(), ctx =>
                {
                    ctx.MessageId = messageId;
                    ctx.Headers.Set(MessageHeaders.Tenant, tenant);
                }, timeout.Token);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempt == 1 || attempt % 10 == 0)
                    logger.LogWarning(ex, "Relay could not publish {Type} {MessageId} (attempt {Attempt}); retrying", message.GetType().Name, messageId, attempt);
                await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 100)), cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private static Guid DerivedId(Guid eventId, int index)
    {
        Span<byte> input = stackalloc byte[20];
        eventId.TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], index);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return new Guid(hash[..16]);
    }
}

public static class IntegrationEventRelayExtensions
{
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression RelayIntegrationEvents<TTranslator>(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten)
        where TTranslator : class, IIntegrationEventTranslator
    {
        marten.Services.AddSingleton<IIntegrationEventTranslator, TTranslator>();
        return marten.AddSubscriptionWithServices<IntegrationEventRelay>(ServiceLifetime.Singleton, o =>
        {
            o.Name = "integration-event-relay";
            o.Options.BatchSize = 500;
        });
    }
}
