using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Messaging;

namespace PerfSuite.Affiliates;

public static class AffiliatesModule
{
    public const string Schema = "affiliates";

    public static IHostApplicationBuilder AddAffiliates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPerfSuiteEventStore(Schema);
        builder.AddPerfSuiteMessaging(Schema);
        return builder;
    }

    public static WebApplication MapAffiliatesApi(this WebApplication app)
    {
        return app;
    }
}
