using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Reporting.Campaigns;
using PerfSuite.Reporting.Reports.GettingKpis;

namespace PerfSuite.Reporting;

public static class ReportingModule
{
    public const string Schema = "reporting";

    public static IHostApplicationBuilder AddReporting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddPerfSuiteEventStore(Schema, opts =>
        {
            opts.Schema.For<ReportCampaign>().Identity(x => x.Id);
        });
        builder.AddPerfSuiteMessaging(Schema, x =>
        {
            x.AddConsumer<CampaignLaunchedConsumer>();
        });
        return builder;
    }

    public static WebApplication MapReportingApi(this WebApplication app)
    {
        app.MapGetKpis();
        return app;
    }
}
