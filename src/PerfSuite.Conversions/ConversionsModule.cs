using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Conversions.Conversions;
using PerfSuite.Conversions.Fraud;
using PerfSuite.Conversions.FxRates;
using PerfSuite.Conversions.LiveCampaigns;
using PerfSuite.Conversions.Tracking;

namespace PerfSuite.Conversions;

public static class ConversionsModule
{
    public const string Schema = "conversions";

    public static IHostApplicationBuilder AddConversions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPerfSuiteEventStore(Schema, opts =>
            {
                opts.Projections.Snapshot<Conversion>(SnapshotLifecycle.Inline);
                opts.Schema.For<Conversion>().Index(x => x.CustomerId).Index(x => x.CampaignId);
                opts.Schema.For<OrderClaim>().Identity(x => x.Id);
                opts.Schema.For<LiveCampaign>().Identity(x => x.Id).UseOptimisticConcurrency(true).Index(x => x.StoredAt);
                opts.Schema.For<IdempotentReply>().Identity(x => x.Id);
                opts.Schema.For<FraudRules>().Identity(x => x.Id);
                opts.Schema.For<FxRateTable>().Identity(x => x.Id);
            })
            .RelayIntegrationEvents<ConversionsIntegrationEvents>();
        builder.AddPerfSuiteMessaging(Schema, x =>
        {
            x.AddConsumer<CampaignLaunchedConsumer>();
            x.AddConsumer<CampaignUpdatedConsumer>();
            x.AddConsumer<CampaignPausedConsumer>();
            x.AddConsumer<CampaignResumedConsumer>();
            x.AddConsumer<CampaignEndedConsumer>();
            x.AddConsumer<TrackingLinkCreatedConsumer>();
        });

        var connectionString = builder.Configuration.GetConnectionString("postgres")!;
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<LiveCampaignView>();
        builder.Services.AddSingleton<FraudRulesCache>();
        builder.Services.AddSingleton<DuplicateClickGuard>();
        builder.Services.AddSingleton<SpendLedger>();
        builder.Services.AddSingleton<TrafficStore>();
        builder.Services.AddSingleton<TrackingService>();
        builder.Services.AddSingleton<ConversionRecorder>();
        builder.Services.AddSingleton<ConversionWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConversionWriter>());
        builder.Services.AddSingleton<TrafficWriter>();
        builder.Services.AddHostedService<LiveCampaignLoader>();
        builder.Services.AddHostedService<TrafficStartup>();
        // Stopped in reverse: the writer's last batches commit before the publisher's last run takes their counts.
        builder.Services.AddHostedService<TrafficPublisher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TrafficWriter>());
        return builder;
    }

    public static WebApplication MapConversionsApi(this WebApplication app)
    {
        app.MapTracking();
        app.MapConversions();
        app.MapFraudRules();
        app.MapFxRates();
        return app;
    }
}
