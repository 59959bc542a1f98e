using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Testing;
using Headers = PerfSuite.BuildingBlocks.Messaging.MessageHeaders;

namespace PerfSuite.IntegrationTests.Foundation;

public sealed record PingReceived(string Text);

public sealed record PingCount(string Id, int Count);

public sealed class CountingConsumer(IDocumentStore store) : IdempotentConsumer<PingReceived>(store)
{
    protected override async Task Handle(PingReceived message, IDocumentSession session, ConsumeContext<PingReceived> context)
    {
        var current = await session.LoadAsync<PingCount>("pings", context.CancellationToken);
        session.Store(new PingCount("pings", (current?.Count ?? 0) + 1));
    }
}

/// <summary>At-least-once delivery over real RabbitMQ: a redelivered message changes the read model once.</summary>
public sealed class IdempotentConsumerTests
{
    [Fact]
    public async Task The_same_message_delivered_twice_and_concurrently_changes_the_read_model_once()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:postgres"] = await TestInfrastructure.CreateDatabaseAsync("perfsuite_idem");
        var vhost = await TestInfrastructure.CreateVirtualHostAsync("idem");
        builder.Configuration["ConnectionStrings:rabbitmq"] = vhost;
        builder.AddPerfSuiteEventStore("idempotency", opts => opts.Schema.For<PingCount>().UseOptimisticConcurrency(true));
        builder.AddPerfSuiteMessaging("idempotency", x => x.AddConsumer<CountingConsumer>());
        using var host = builder.Build();
        await host.StartAsync();
        var bus = host.Services.GetRequiredService<IBusControl>();
        Assert.Equal(BusHealthStatus.Healthy, await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30)));
        var store = host.Services.GetRequiredService<IDocumentStore>();
        const string tenant = "tenant-idem";

        async Task Publish(Guid messageId) => await bus.Publish(new PingReceived("hello"), ctx =>
        {
            ctx.MessageId = messageId;
            ctx.Headers.Set(Headers.Tenant, tenant);
        });

        var duplicated = Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Publish(duplicated)));
        await Publish(duplicated);
        await Publish(Guid.NewGuid());

        var count = await Eventually.Until(async () =>
        {
            await using var session = store.QuerySession(tenant);
            return (await session.LoadAsync<PingCount>("pings"))?.Count ?? 0;
        }, c => c >= 2, TimeSpan.FromSeconds(30), "two distinct messages consumed");
        await Task.Delay(TimeSpan.FromSeconds(1));
        await using (var session = store.QuerySession(tenant))
            Assert.Equal(2, (await session.LoadAsync<PingCount>("pings"))!.Count);
        Assert.Equal(2, count);
        await host.StopAsync();
        await TestInfrastructure.DeleteVirtualHostAsync(vhost);
    }
}
