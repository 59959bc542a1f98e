using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.Contracts;
using PerfSuite.Reporting;
using PerfSuite.Reporting.Campaigns;
using PerfSuite.Reporting.Cube;
using PerfSuite.Reporting.Reports.GettingKpis;
using PerfSuite.Testing;

namespace PerfSuite.IntegrationTests.Reporting;

/// <summary>Reporting's real Marten setup (own schema, async daemon) against PostgreSQL: events appended to campaign streams reach the KPI query.</summary>
public sealed class ReportingStoreTests : IAsyncLifetime
{
    private readonly string _schema = $"reporting_it_{Guid.NewGuid():N}"[..24];
    private IHost _host = null!;
    private IDocumentStore Store => _host.Services.GetRequiredService<IDocumentStore>();

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:postgres"] = await TestInfrastructure.PostgresAsync();
        builder.AddPerfSuiteEventStore(_schema, ReportingModule.ConfigureStore);
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await using var connection = new NpgsqlConnection(await TestInfrastructure.PostgresAsync());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop schema if exists {_schema} cascade", connection);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Campaign_streams_are_projected_into_kpi_rows_per_tenant()
    {
        var campaign = Guid.NewGuid();
        var affiliate = Guid.NewGuid();
        var day = new DateOnly(2026, 11, 1);
        var at = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
        await using (var session = Store.LightweightSession("tenant-a"))
        {
            session.Store(new ReportCampaign(campaign, Guid.NewGuid(), "Spring", "search", "USD", "UTC", "active", at));
            session.Events.Append(campaign,
                new TrafficRecorded(campaign, "USD", [new TrafficCount(Guid.NewGuid(), affiliate, null, day, false, 100, 100, 1000, 1000, 50m)], at),
                new ConversionAttributed(Guid.NewGuid(), campaign, "sale", 200m, "USD", null, null, "o1", "c1", null, at, day, "search", "last_touch",
                    [new Credit(Guid.NewGuid(), Guid.NewGuid(), affiliate, null, 1m)], [], false, true, [], new PayoutTerms("cpc", 0.5m, null), null),
                new SpendRecorded(campaign, affiliate, "cpa", 10m, "USD", day, at));
            await session.SaveChangesAsync();
        }

        IReadOnlyList<KpiRow> rows = [];
        await Eventually.Until(async () =>
        {
            await using var query = Store.QuerySession("tenant-a");
            return rows = await GetKpis.BuildAsync(query, "campaign", new CubeFilter(day, day), CancellationToken.None);
        }, r => r.Count == 1 && r[0].Conversions == 1 && r[0].Spend == 60m, TimeSpan.FromSeconds(30), "the cube catches up");

        var row = rows.Single();
        Assert.Equal((campaign.ToString(), "Spring", 1000L, 100L, 1m, 200m, 60m), (row.Key, row.Label, row.Impressions, row.Clicks, row.Sales, row.Revenue, row.Spend));
        Assert.Equal(0.6m, row.Epc);

        await using var other = Store.QuerySession("tenant-b");
        Assert.Empty(await GetKpis.BuildAsync(other, "campaign", new CubeFilter(), CancellationToken.None));
        Assert.Empty(await GetKpis.BuildAsync(other, "affiliate", new CubeFilter(), CancellationToken.None));
        await using var outside = Store.QuerySession("tenant-a");
        Assert.Empty((await GetKpis.BuildAsync(outside, "day", new CubeFilter(day.AddDays(1), day.AddDays(2)), CancellationToken.None)));
    }
}
