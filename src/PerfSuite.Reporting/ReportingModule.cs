using JasperFx.Events;
using JasperFx.Events.Projections;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Reporting.Campaigns;
using PerfSuite.Reporting.Cube;
using PerfSuite.Reporting.Ingest;
using PerfSuite.Reporting.Platform;
using PerfSuite.Reporting.Reports.Attribution;
using PerfSuite.Reporting.Reports.Blended;
using PerfSuite.Reporting.Reports.Experiments;
using PerfSuite.Reporting.Reports.GettingKpis;
using PerfSuite.Reporting.Reports.Guardrails;
using PerfSuite.Reporting.Reports.Holdout;
using PerfSuite.Reporting.Reports.MyStats;

namespace PerfSuite.Reporting;

public static class ReportingModule
{
    public const string Schema = "reporting";

    public static IHostApplicationBuilder AddReporting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPerfSuiteEventStore(Schema, ConfigureStore);
        builder.AddPerfSuiteMessaging(Schema, x =>
        {
            x.AddConsumer<CampaignLaunchedConsumer>();
            x.AddConsumer<CampaignUpdatedConsumer>();
            x.AddBatchConsumer<TrafficRecordedConsumer>();
            x.AddBatchConsumer<ConversionAttributedConsumer>();
            x.AddBatchConsumer<ConversionReversedConsumer>();
            x.AddBatchConsumer<SpendRecordedConsumer>();
        });
        return builder;
    }

    /// <summary>Reporting's Marten configuration (also used by the benchmark, so it loads through the same projections).</summary>
    public static void ConfigureStore(Marten.StoreOptions opts)
    {
        // Many consumers append to one campaign stream concurrently; quick append lets PostgreSQL assign the versions.
        opts.Events.AppendMode = EventAppendMode.Quick;
        opts.Events.AddEventType<PlatformStatsImported>();
        opts.Schema.For<ReportCampaign>().Identity(x => x.Id).UseOptimisticConcurrency(true);
        opts.Schema.For<KpiCell>().Identity(x => x.Id).Duplicate(x => x.CampaignId);
        opts.Schema.For<KpiCampaignDay>().Identity(x => x.Id).Duplicate(x => x.CampaignId);
        opts.Schema.For<ReportedConversion>().Identity(x => x.Id).Duplicate(x => x.CampaignId);
        opts.Schema.For<PlatformDay>().Identity(x => x.Id);
        opts.Projections.Add<KpiCubeProjection>(ProjectionLifecycle.Async);
        opts.Projections.Add<KpiCampaignDayProjection>(ProjectionLifecycle.Async);
        opts.Projections.Add<ReportedConversionProjection>(ProjectionLifecycle.Async);
        opts.Projections.Add<PlatformDayProjection>(ProjectionLifecycle.Inline);
    }

    public static WebApplication MapReportingApi(this WebApplication app)
    {
        app.MapGetKpis();
        app.MapGetAttributionComparison();
        app.MapGetExperiment();
        app.MapGetHoldout();
        app.MapGetBlended();
        app.MapGetGuardrails();
        app.MapGetMyStats();
        app.MapImportPlatformStats();
        return app;
    }
}
