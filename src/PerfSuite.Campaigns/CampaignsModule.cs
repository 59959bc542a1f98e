using JasperFx.Events.Projections;
using Marten;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Campaigns.Advertisers;
using PerfSuite.Campaigns.Advertisers.Listing;
using PerfSuite.Campaigns.Advertisers.Registering;
using PerfSuite.Campaigns.Campaigns;
using PerfSuite.Campaigns.Campaigns.Creating;
using PerfSuite.Campaigns.Campaigns.Getting;
using PerfSuite.Campaigns.Campaigns.Launching;
using PerfSuite.Campaigns.Campaigns.Lifecycle;
using PerfSuite.Campaigns.Campaigns.Links;
using PerfSuite.Campaigns.Campaigns.PostbackTokens;
using PerfSuite.Campaigns.Campaigns.Revising;
using PerfSuite.Campaigns.Campaigns.Variants;
using PerfSuite.Campaigns.Affiliates;
using PerfSuite.Campaigns.Budgets;

namespace PerfSuite.Campaigns;

public static class CampaignsModule
{
    public const string Schema = "campaigns";

    public static IHostApplicationBuilder AddCampaigns(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPerfSuiteEventStore(Schema, opts =>
            {
                opts.Projections.Snapshot<Advertiser>(SnapshotLifecycle.Inline);
                opts.Projections.Snapshot<Campaign>(SnapshotLifecycle.Inline);
                opts.Schema.For<CampaignSpend>().UseOptimisticConcurrency(true);
                opts.Schema.For<AffiliateLink>().Index(l => l.AffiliateId);
                opts.Schema.For<DailyBudgetPause>().Index(p => p.ResumeAt);
                opts.RegisterDocumentType<KnownAffiliate>();
            })
            .RelayIntegrationEvents<CampaignsIntegrationEvents>();
        builder.AddPerfSuiteMessaging(Schema, x =>
        {
            x.AddBatchConsumer<SpendConsumer>();
            x.AddConsumer<AffiliateApprovedConsumer>();
            x.AddConsumer<AffiliateSuspendedConsumer>();
        });
        builder.Services.AddHostedService<DailyBudgetResumer>();
        return builder;
    }

    public static WebApplication MapCampaignsApi(this WebApplication app)
    {
        app.MapRegisterAdvertiser();
        app.MapListAdvertisers();
        app.MapCreateCampaign();
        app.MapGetCampaign();
        app.MapLaunchCampaign();
        app.MapChangeCampaignStatus();
        app.MapReviseCampaign();
        app.MapLandingVariants();
        app.MapTrackingLinks();
        app.MapRotatePostbackToken();
        return app;
    }
}
