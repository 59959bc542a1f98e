// Reporting benchmark: loads 10M clicks and 1M conversions for one tenant through the KPI cube projection's own code,
// measures the KPI query for a 30-day per-campaign report, then measures projection lag of the real async daemon
// under 1,000 events/s. Usage: dotnet run -c Release --project bench/reports/ReportsBench -- [clicks] [conversions] [lagSeconds]
using System.Diagnostics;
using HdrHistogram;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.Contracts;
using PerfSuite.Reporting;
using PerfSuite.Reporting.Campaigns;
using PerfSuite.Reporting.Cube;
using PerfSuite.Reporting.Reports.GettingKpis;

const string Schema = "reporting_bench";
const string Tenant = "bench-tenant";
const int Campaigns = 20, AffiliatesPerCampaign = 10, Days = 60, ClicksPerTrafficEvent = 10;
long totalClicks = args.Length > 0 ? long.Parse(args[0]) : 10_000_000;
int totalConversions = args.Length > 1 ? int.Parse(args[1]) : 1_000_000;
int lagSeconds = args.Length > 2 ? int.Parse(args[2]) : 30;

var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__postgres")
    ?? throw new InvalidOperationException("Set ConnectionStrings__postgres (source .local/env.sh).");
await using (var connection = new NpgsqlConnection(connectionString))
{
    await connection.OpenAsync();
    await new NpgsqlCommand($"drop schema if exists {Schema} cascade", connection).ExecuteNonQueryAsync();
}

var builder = Host.CreateApplicationBuilder();
builder.Configuration["ConnectionStrings:postgres"] = connectionString;
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddPerfSuiteEventStore(Schema, ReportingModule.ConfigureStore);
using var host = builder.Build();
await host.StartAsync();
var store = host.Services.GetRequiredService<IDocumentStore>();

var random = new Random(42);
var lastDay = DateOnly.FromDateTime(DateTime.UtcNow);
var at = DateTimeOffset.UtcNow;
var campaigns = Enumerable.Range(0, Campaigns).Select(i => new ReportCampaign(Guid.NewGuid(), Guid.NewGuid(), $"Campaign {i:00}",
    i % 2 == 0 ? "search" : "social", "USD", "UTC", "active", at,
    Variants: [new VariantTerms(Guid.NewGuid(), "A", "https://a.example", 50, false), new VariantTerms(Guid.NewGuid(), "B", "https://b.example", 50, false)])).ToArray();
var affiliates = Enumerable.Range(0, AffiliatesPerCampaign).Select(_ => (Affiliate: Guid.NewGuid(), Link: Guid.NewGuid())).ToArray();

TrafficRecorded RandomTraffic(long clicks)
{
    var campaign = campaigns[random.Next(Campaigns)];
    var (affiliate, link) = affiliates[random.Next(AffiliatesPerCampaign)];
    var variant = campaign.Variants![random.Next(2)].VariantId;
    var day = lastDay.AddDays(-random.Next(Days));
    var holdout = random.Next(10) == 0;
    return new TrafficRecorded(campaign.Id, "USD",
        [new TrafficCount(link, affiliate, variant, day, holdout, clicks, holdout ? 0 : clicks, clicks * 20, clicks * 20, holdout ? 0 : clicks * 0.25m)], at);
}

ConversionAttributed RandomConversion()
{
    var campaign = campaigns[random.Next(Campaigns)];
    var variant = campaign.Variants![random.Next(2)].VariantId;
    var day = lastDay.AddDays(-random.Next(Days));
    var touches = Enumerable.Range(0, 1 + random.Next(2)).Select(_ =>
    {
        var (affiliate, link) = affiliates[random.Next(AffiliatesPerCampaign)];
        return new Touch(Guid.NewGuid(), link, affiliate, variant, at);
    }).ToArray();
    var credits = touches.Select(t => new Credit(t.ClickId, t.LinkId, t.AffiliateId, t.VariantId, 1m / touches.Length)).ToArray();
    var type = random.Next(3) == 0 ? "sale" : "lead";
    return new ConversionAttributed(Guid.NewGuid(), campaign.Id, type, type == "sale" ? 80m : 0m, "USD", null, null, null, null, null, at, day,
        campaign.Channel, "linear", credits, touches, random.Next(10) == 0, true, [], new PayoutTerms("cpc", 0.25m, null), null);
}

// 1. Bulk load through the projection's own Evolve, in memory, then COPY the resulting cube cells.
var load = Stopwatch.StartNew();
var cube = new Cube<KpiCell>(new KpiCubeProjection(), f => f);
var rollup = new Cube<KpiCampaignDay>(new KpiCampaignDayProjection(), f => f.RolledUp());
void Fold(object data)
{
    var e = new Event<object>(data);
    var facts = KpiFacts.From(data);
    cube.Fold(e, facts);
    rollup.Fold(e, facts);
}
long trafficEvents = 0;
for (long clicks = 0; clicks < totalClicks; clicks += ClicksPerTrafficEvent, trafficEvents++) Fold(RandomTraffic(ClicksPerTrafficEvent));
for (var i = 0; i < totalConversions; i++) Fold(RandomConversion());
var folded = load.Elapsed;
await using (var session = store.LightweightSession(Tenant))
{
    session.Store(campaigns);
    await session.SaveChangesAsync();
}
await store.BulkInsertAsync(Tenant, cube.Cells.Values.ToList(), Weasel.Core.BulkInsertMode.InsertsOnly, 5000);
await store.BulkInsertAsync(Tenant, rollup.Cells.Values.ToList(), Weasel.Core.BulkInsertMode.InsertsOnly, 5000);
Console.WriteLine($"load: {totalClicks:N0} clicks as {trafficEvents:N0} TrafficRecorded events + {totalConversions:N0} ConversionAttributed folded in {folded.TotalSeconds:F1} s; " +
                  $"{cube.Cells.Count:N0} cube cells and {rollup.Cells.Count:N0} campaign-day cells written in {(load.Elapsed - folded).TotalSeconds:F1} s");
await using (var connection = new NpgsqlConnection(connectionString))
{
    await connection.OpenAsync();
    await new NpgsqlCommand($"analyze {Schema}.mt_doc_kpicell; analyze {Schema}.mt_doc_kpicampaignday", connection).ExecuteNonQueryAsync();
}

// 2. KPI query latency: 30 days, grouped by campaign (and by day for one campaign), sequential, after a warm-up.
async Task<LongHistogram> MeasureQueries(string groupBy, Guid? campaignId, int iterations)
{
    var histogram = new LongHistogram(TimeStamp.Seconds(10), 3);
    var filter = new CubeFilter(lastDay.AddDays(-29), lastDay, campaignId);
    IReadOnlyList<KpiRow> rows = [];
    for (var i = 0; i < iterations + 50; i++)
    {
        var start = Stopwatch.GetTimestamp();
        await using var session = store.QuerySession(Tenant);
        rows = await GetKpis.BuildAsync(session, groupBy, filter, CancellationToken.None);
        if (i >= 50) histogram.RecordValue(Stopwatch.GetTimestamp() - start);
    }
    Console.WriteLine($"GET /api/reports/kpis?groupBy={groupBy}{(campaignId is null ? "" : "&campaignId=…")} (30 days): {rows.Count} rows, " +
                      $"clicks {rows.Sum(r => r.Clicks):N0}; {Summary(histogram)}");
    return histogram;
}
string Summary(HistogramBase h) =>
    $"p50 {h.GetValueAtPercentile(50) * 1000.0 / Stopwatch.Frequency:F1} ms, p95 {h.GetValueAtPercentile(95) * 1000.0 / Stopwatch.Frequency:F1} ms, " +
    $"p99 {h.GetValueAtPercentile(99) * 1000.0 / Stopwatch.Frequency:F1} ms, max {h.GetMaxValue() * 1000.0 / Stopwatch.Frequency:F1} ms (n={h.TotalCount})";
await MeasureQueries("campaign", null, 500);
await MeasureQueries("day", campaigns[0].Id, 500);
await MeasureQueries("affiliate", campaigns[0].Id, 500);

// 3. Projection lag of the async daemon at 1,000 events/s: batches of 50 events every 50 ms appended to campaign streams;
// a batch's lag is the time from its commit until the KpiCube progress passes its last sequence.
var lag = new LongHistogram(TimeStamp.Seconds(60), 3);
var pending = new System.Collections.Concurrent.ConcurrentQueue<(long Sequence, long CommittedAt)>();
using var stop = new CancellationTokenSource();
var watcher = Task.Run(async () =>
{
    while (!stop.IsCancellationRequested || !pending.IsEmpty)
    {
        var progress = (await store.Advanced.AllProjectionProgress(Tenant))
            .Where(s => s.ShardName.StartsWith(KpiCubeProjection.ProjectionName, StringComparison.Ordinal)).Select(s => s.Sequence).DefaultIfEmpty(0).Max();
        var now = Stopwatch.GetTimestamp();
        while (pending.TryPeek(out var batch) && batch.Sequence <= progress)
        {
            pending.TryDequeue(out _);
            lag.RecordValue(now - batch.CommittedAt);
        }
        await Task.Delay(5);
    }
});
var interval = TimeSpan.FromMilliseconds(50);
var ticker = new PeriodicTimer(interval);
var appended = 0;
var lagRun = Stopwatch.StartNew();
while (lagRun.Elapsed < TimeSpan.FromSeconds(lagSeconds) && await ticker.WaitForNextTickAsync())
{
    await using var session = store.LightweightSession(Tenant);
    for (var i = 0; i < 50; i++)
    {
        object data = i % 5 == 0 ? RandomTraffic(ClicksPerTrafficEvent) : RandomConversion();
        session.Events.Append(data is TrafficRecorded t ? t.CampaignId : ((ConversionAttributed)data).CampaignId, data);
    }
    await session.SaveChangesAsync();
    var committedAt = Stopwatch.GetTimestamp();
    var statistics = await store.Advanced.FetchEventStoreStatistics(Tenant);
    pending.Enqueue((statistics.EventSequenceNumber, committedAt));
    appended += 50;
}
var deadline = Stopwatch.StartNew();
while (!pending.IsEmpty && deadline.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
stop.Cancel();
await watcher;
Console.WriteLine($"projection lag at {appended / lagRun.Elapsed.TotalSeconds:F0} events/s for {lagRun.Elapsed.TotalSeconds:F0} s ({appended:N0} events, " +
                  $"{pending.Count} batches not caught up): {Summary(lag)}");
await host.StopAsync();

/// <summary>The in-memory side of the bulk load: the projection's own Evolve applied event by event.</summary>
sealed class Cube<TCell>(CubeProjection<TCell> projection, Func<KpiFact, KpiFact> key) where TCell : KpiCell, new()
{
    public Dictionary<string, TCell> Cells { get; } = new();

    public void Fold(IEvent e, IReadOnlyList<KpiFact> facts)
    {
        foreach (var id in facts.Select(f => key(f).CellId).Distinct())
        {
            var evolved = projection.Evolve(Cells.GetValueOrDefault(id), id, e);
            if (evolved is not null) Cells[id] = evolved;
        }
    }
}
