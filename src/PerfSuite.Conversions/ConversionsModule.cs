using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Messaging;

namespace PerfSuite.Conversions;

public static class ConversionsModule
{
    public const string Schema = "conversions";

    public static IHostApplicationBuilder AddConversions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPerfSuiteEventStore(Schema);
        builder.AddPerfSuiteMessaging(Schema);
        return builder;
    }

    public static WebApplication MapConversionsApi(this WebApplication app)
    {
        return app;
    }
}
