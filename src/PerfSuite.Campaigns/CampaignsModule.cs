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
            })
            .RelayIntegrationEvents<CampaignsIntegrationEvents>();
        builder.AddPerfSuiteMessaging(Schema);
        return builder;
    }

    public static WebApplication MapCampaignsApi(this WebApplication app)
    {
        app.MapRegisterAdvertiser();
        app.MapListAdvertisers();
        app.MapCreateCampaign();
        app.MapGetCampaign();
        app.MapLaunchCampaign();
        return app;
    }
}
