using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PerfSuite.BuildingBlocks.Messaging;

public static class MessageHeaders
{
    /// <summary>The tenant a message belongs to; set by the relay, read by every consumer.</summary>
    public const string Tenant = "PerfSuite-Tenant";
}

public static class MessagingSetup
{
    /// <summary>
    /// MassTransit over RabbitMQ. Queue names are prefixed with the service name, so two services never
    /// compete on one queue, while replicas of one service do (competing consumers). Retries with
    /// exponential backoff happen in memory (the Debian broker has no delayed-exchange plugin).
    /// </summary>
    public static IHostApplicationBuilder AddPerfSuiteMessaging(
        this IHostApplicationBuilder builder, string service, Action<IBusRegistrationConfigurator>? consumers = null)
    {
        var connectionString = builder.Configuration.GetConnectionString("rabbitmq")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:rabbitmq is not set. Start the local servers with `scripts/infra.sh start` (it prints the connection strings) or run the suite through the AppHost.");
        builder.Services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service, false));
            consumers?.Invoke(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(new Uri(connectionString));
                cfg.UseMessageRetry(r => r.Exponential(20, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)));
                cfg.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });
        return builder;
    }
}
