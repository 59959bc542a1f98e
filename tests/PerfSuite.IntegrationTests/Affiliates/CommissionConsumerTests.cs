extern alias affiliates;
using System.Security.Cryptography;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using PerfSuite.Affiliates.Ledger;
using PerfSuite.Affiliates.Ledger.Approving;
using PerfSuite.Affiliates.Webhooks;
using PerfSuite.Contracts;
using PerfSuite.IntegrationTests.Foundation;
using PerfSuite.Testing;
using Headers = PerfSuite.BuildingBlocks.Messaging.MessageHeaders;

namespace PerfSuite.IntegrationTests.Affiliates;

/// <summary>The Affiliates service's consumers over real RabbitMQ and PostgreSQL, with a fake clock for the hold period.</summary>
public sealed class CommissionConsumerTests
{
    [Fact]
    public async Task A_conversion_consumed_three_times_earns_each_affiliate_one_commission_that_the_hold_job_approves_when_the_hold_ends()
    {
        var postgres = await TestInfrastructure.CreateDatabaseAsync("perfsuite_aff_ledger");
        var rabbit = await TestInfrastructure.CreateVirtualHostAsync("aff-ledger");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        await using var service = new ServiceHost<affiliates::Program>(postgres, rabbit, Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
        await using var factory = service.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            // The job's own loop waits on the fake clock too; advancing it by the hold would wake that loop and race
            // the explicit runs below for the same commissions.
            s.Configure<WebhookOptions>(o => o.HoldCheckInterval = TimeSpan.FromDays(30));
        }));
        var bus = factory.Services.GetRequiredService<IBusControl>();
        Assert.Equal(BusHealthStatus.Healthy, await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60)));
        var store = factory.Services.GetRequiredService<IDocumentStore>();
        var holdJob = factory.Services.GetServices<IHostedService>().OfType<HoldPeriodJob>().Single();
        const string tenant = "tenant-ledger";

        Task Publish<T>(T message, Guid messageId) where T : class => bus.Publish(message, ctx =>
        {
            ctx.MessageId = messageId;
            ctx.Headers.Set(Headers.Tenant, tenant);
        });
        async Task<IReadOnlyList<Commission>> Commissions()
        {
            await using var session = store.QuerySession(tenant);
            return await session.Query<Commission>().ToListAsync();
        }

        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        Credit CreditTo(Guid affiliate, decimal weight) => new(Guid.NewGuid(), Guid.NewGuid(), affiliate, null, weight);
        var conversion = new ConversionAttributed(Guid.NewGuid(), Guid.NewGuid(), "sale", 200m, "USD", null, null, "o-1", null, "v-1",
            clock.GetUtcNow(), new DateOnly(2026, 6, 1), "affiliate", "linear", [CreditTo(first, 1m / 3m), CreditTo(second, 2m / 3m)], [],
            false, true, [], new PayoutTerms("cpa", 10m, null, HoldDays: 7), null);

        var messageId = Guid.NewGuid();
        await Publish(conversion, messageId);
        await Publish(conversion, messageId);      // redelivered
        await Publish(conversion, Guid.NewGuid()); // republished under another id
        var earned = await Eventually.Until(Commissions, c => c.Count == 2, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2));
        earned = await Commissions();
        Assert.Equal(2, earned.Count);
        Assert.Equal(10.00m, earned.Sum(c => c.Amount));
        Assert.Equal(3.33m, earned.Single(c => c.AffiliateId == first).Amount);
        Assert.All(earned, c => Assert.Equal(CommissionStatus.Pending, c.Status));

        Assert.Equal(0, await holdJob.ApproveDueAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(2, await holdJob.ApproveDueAsync(CancellationToken.None));
        Assert.All(await Commissions(), c => Assert.Equal(CommissionStatus.Approved, c.Status));
        Assert.Equal(0, await holdJob.ApproveDueAsync(CancellationToken.None));

        var reversal = new ConversionReversed(conversion.ConversionId, conversion.CampaignId, "sale", 200m, "USD", conversion.Day, conversion.Credits,
            false, "refund", clock.GetUtcNow());
        await Publish(reversal, Guid.NewGuid());
        await Publish(reversal, Guid.NewGuid());
        var reversed = await Eventually.Until(Commissions, c => c.All(x => x.Status == CommissionStatus.Reversed), TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await Commissions()).Count);
        Assert.All(reversed, c => Assert.Equal("refund", c.ReversalReason));
    }
}
