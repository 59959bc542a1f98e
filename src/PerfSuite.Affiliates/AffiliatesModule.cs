using JasperFx.Events.Projections;
using Marten;
using PerfSuite.Affiliates.Affiliates;
using PerfSuite.Affiliates.Affiliates.Approving;
using PerfSuite.Affiliates.Affiliates.Listing;
using PerfSuite.Affiliates.Affiliates.Registering;
using PerfSuite.Affiliates.Affiliates.Suspending;
using PerfSuite.Affiliates.Ledger;
using PerfSuite.Affiliates.Ledger.Approving;
using PerfSuite.Affiliates.Ledger.Earning;
using PerfSuite.Affiliates.Ledger.Listing;
using PerfSuite.Affiliates.Ledger.Reversing;
using PerfSuite.Affiliates.Payouts;
using PerfSuite.Affiliates.Payouts.Listing;
using PerfSuite.Affiliates.Payouts.Paying;
using PerfSuite.Affiliates.Webhooks;
using PerfSuite.Affiliates.Webhooks.Deliveries;
using PerfSuite.Affiliates.Webhooks.Dispatching;
using PerfSuite.Affiliates.Webhooks.Endpoints;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Messaging;

namespace PerfSuite.Affiliates;

public static class AffiliatesModule
{
    public const string Schema = "affiliates";

    public static IHostApplicationBuilder AddAffiliates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPerfSuiteEventStore(Schema, opts =>
            {
                opts.Projections.Snapshot<Affiliate>(SnapshotLifecycle.Inline);
                opts.Projections.Snapshot<Commission>(SnapshotLifecycle.Inline);
                opts.Projections.Snapshot<Payout>(SnapshotLifecycle.Inline);
                opts.Schema.For<Commission>().Index(c => c.AffiliateId).Index(c => c.Status);
                opts.Schema.For<Delivery>().Index(d => d.Status).Index(d => d.AffiliateId);
                opts.Schema.For<WebhookEndpoint>();
                opts.Schema.For<CampaignPayout>();
            })
            .RelayIntegrationEvents<AffiliatesIntegrationEvents>();
        builder.AddPerfSuiteMessaging(Schema, x =>
        {
            x.AddBatchConsumer<ConversionAttributedConsumer>();
            x.AddConsumer<ConversionReversedConsumer>();
            x.AddConsumer<TrafficRecordedConsumer>();
            x.AddConsumer<CampaignLaunchedConsumer>();
            x.AddConsumer<CampaignUpdatedConsumer>();
        });

        builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection(WebhookOptions.Section));
        builder.Services.AddSingleton<WebhookAddressGuard>();
        builder.Services.AddHostedService<WebhookDispatcher>();
        builder.Services.AddHostedService<HoldPeriodJob>();
        return builder;
    }

    public static WebApplication MapAffiliatesApi(this WebApplication app)
    {
        app.MapRegisterAffiliate();
        app.MapApproveAffiliate();
        app.MapSuspendAffiliate();
        app.MapListAffiliates();
        app.MapListCommissions();
        app.MapApproveCommission();
        app.MapPayAffiliate();
        app.MapListPayouts();
        app.MapWebhookEndpoints();
        app.MapDeliveries();
        return app;
    }
}
