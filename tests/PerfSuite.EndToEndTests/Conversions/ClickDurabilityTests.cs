using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PerfSuite.EndToEndTests.Support;

namespace PerfSuite.EndToEndTests.Conversions;

[Collection(SuiteCollection.Name)]
public sealed class ClickDurabilityTests(SuiteFixture suite)
{
    private const string Service = "conversions";

    [Fact]
    public async Task Every_click_answered_302_is_in_the_store_after_the_service_is_killed_mid_stream()
    {
        var link = await ConversionsApi.LiveLinkAsync(suite, a => Bodies.Campaign(a, payoutModel: "cpc", amount: 0.1m));
        using var tracking = ConversionsApi.Tracking(suite);
        var answered = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        async Task Fire(int worker)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    var click = await ConversionsApi.ClickAsync(tracking, link.Code, $"vid=kill-{worker}-{i}");
                    if (click.Status == HttpStatusCode.Redirect) answered.Add(click.ClickId!);
                }
                catch (HttpRequestException)
                {
                    // The service is down: the gateway or the socket fails; such a click was never answered 302.
                }
            }
        }

        var workers = Enumerable.Range(0, 16).Select(w => Task.Run(() => Fire(w))).ToArray();
        while (answered.Count < 300) await Task.Delay(20);
        var before = answered.Count;
        // SIGKILL to the resource's process and its children (Aspire runs a project through `dotnet run`): no graceful
        // shutdown, in-flight batches die with the process.
        Process.GetProcessById(Pid()).Kill(entireProcessTree: true);
        await Task.Delay(1000);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        await Restart();
        Assert.True(answered.Count >= before);
        var missing = new List<string>();
        foreach (var clickId in answered.Distinct())
            if ((await link.Tenant.Client.GetAsync($"/api/conversions/clicks/{clickId}")).Status is var status && status != HttpStatusCode.OK)
                missing.Add($"{clickId}: {(int)status}");
        Assert.Empty(missing);

        // The counts the killed process's batches left pending are published after the restart: Reporting counts
        // exactly the clicks stored. (Stored may exceed the attempts: an HTTP hop may resend a GET whose connection the
        // kill reset after the click was committed, and the resent one is a new click.)
        var stored = await StoredClicks(link.CampaignId);
        Assert.True(stored >= answered.Count + 1, $"{stored} stored clicks, {answered.Count} answered 302 besides the warm-up");
        async Task<(long Reported, long Stored)> Counts()
        {
            var (_, body) = await link.Tenant.Client.GetAsync($"/api/reports/kpis?groupBy=campaign&campaignId={link.CampaignId}");
            var reported = body is JsonArray { Count: 1 } rows ? rows[0]!["clicks"]!.GetValue<long>() : 0;
            return (reported, await StoredClicks(link.CampaignId));
        }
        await Testing.Eventually.Until(Counts, c => c.Reported == c.Stored, TimeSpan.FromSeconds(60), "Reporting's clicks = stored clicks");
    }

    private async Task<long> StoredClicks(string campaignId)
    {
        await using var connection = new NpgsqlConnection(suite.PostgresConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM conversions.clicks WHERE campaign_id = $1", connection);
        count.Parameters.Add(new NpgsqlParameter { Value = Guid.Parse(campaignId) });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private int Pid()
    {
        Assert.True(suite.App.ResourceNotifications.TryGetCurrentState(Service, out var state));
        var pid = state!.Snapshot.Properties.Single(p => p.Name == "executable.pid").Value;
        return Convert.ToInt32(pid, CultureInfo.InvariantCulture);
    }

    private async Task Restart()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await suite.App.ResourceNotifications.WaitForResourceAsync(Service,
            e => e.Snapshot.State?.Text is not null && e.Snapshot.State.Text != KnownResourceStates.Running, timeout.Token);
        var commands = suite.App.Services.GetRequiredService<ResourceCommandService>();
        var started = await commands.ExecuteCommandAsync(Service, KnownResourceCommands.StartCommand, timeout.Token);
        Assert.True(started.Success, started.Message);
        await suite.App.ResourceNotifications.WaitForResourceHealthyAsync(Service, timeout.Token);
    }
}
