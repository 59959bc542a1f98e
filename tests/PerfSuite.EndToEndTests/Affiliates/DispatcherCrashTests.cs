using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using PerfSuite.EndToEndTests.Support;
using StandardWebhooks;

namespace PerfSuite.EndToEndTests.Affiliates;

[Collection(SuiteCollection.Name)]
public sealed class DispatcherCrashTests(SuiteFixture suite)
{
    private const string Service = "affiliates";

    [Fact]
    public async Task A_delivery_persisted_but_not_yet_acknowledged_when_the_service_is_killed_is_made_after_restart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var affiliateId = await WebhookApi.ApprovedAffiliateAsync(api);
        var secret = await WebhookApi.SubscribeAsync(api, affiliateId, receiver.Url);

        // The first request arrives while the dispatcher waits for the answer: kill -9 the service (its process tree:
        // the resource's pid may be the launcher of the service process) right there,
        // after the delivery was persisted and sent, before any outcome could be recorded.
        var killed = 0;
        receiver.OnRequest = () =>
        {
            if (Interlocked.Exchange(ref killed, 1) == 0) Process.GetProcessById(ServicePid()).Kill(entireProcessTree: true);
            return Task.CompletedTask;
        };

        var deliveryId = await WebhookApi.SendTestAsync(api, affiliateId);
        await receiver.WaitForAsync(r => r.Count >= 1);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await suite.App.ResourceNotifications.WaitForResourceAsync(Service,
            e => e.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart", cts.Token);
        await suite.App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(Service, KnownResourceCommands.StartCommand, cts.Token);
        await suite.App.ResourceNotifications.WaitForResourceHealthyAsync(Service, cts.Token);

        var delivered = await WebhookApi.DeliveryAsync(api, deliveryId, d => d["status"]!.GetValue<string>() == "succeeded", TimeSpan.FromSeconds(60));
        Assert.Single(delivered!["attempts"]!.AsArray());
        var received = receiver.Received;
        Assert.Equal(2, received.Count);
        Assert.All(received, r => Assert.Equal(deliveryId, r.Id));
        new StandardWebhook(secret).Verify(received[1].Body, received[1].Headers);
    }

    private int ServicePid()
    {
        Assert.True(suite.App.ResourceNotifications.TryGetCurrentState(Service, out var state), "no state for the affiliates resource");
        var pid = state!.Snapshot.Properties.Single(p => p.Name == "executable.pid").Value;
        return Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture);
    }
}
