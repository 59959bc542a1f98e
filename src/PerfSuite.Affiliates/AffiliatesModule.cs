using JasperFx.Events.Projections;
using Marten;
using PerfSuite.Affiliates.Affiliates;
using PerfSuite.Affiliates.Affiliates.Approving;
using PerfSuite.Affiliates.Affiliates.Listing;
using PerfSuite.Affiliates.Affiliates.Registering;
using PerfSuite.Affiliates.Affiliates.Suspending;
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
            })
            .RelayIntegrationEvents<AffiliatesIntegrationEvents>();
        builder.AddPerfSuiteMessaging(Schema);
        return builder;
    }

    public static WebApplication MapAffiliatesApi(this WebApplication app)
    {
        app.MapRegisterAffiliate();
        app.MapApproveAffiliate();
        app.MapSuspendAffiliate();
        app.MapListAffiliates();
        return app;
    }
}
