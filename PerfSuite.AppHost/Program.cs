using System.Security.Cryptography;
using PerfSuite.AppHost;

// Benchmarks (bench/): no dashboard and no DCP proxy in front of each service, so a run measures the suite, not the
// development tooling around it.
var benchmark = Environment.GetEnvironmentVariable("PERFSUITE_BENCHMARK") == "1";
var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, DisableDashboard = benchmark });
var (postgres, rabbitmq) = Infrastructure.Declare(builder);

// Shared only between the gateway and the services: signs the identity the gateway forwards. New per run unless set.
var identityKey = builder.Configuration["PerfSuite:IdentitySigningKey"] ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
var operatorKey = builder.Configuration["PERFSUITE_OPERATOR_KEY"] ?? builder.Configuration["PerfSuite:OperatorKey"] ?? "";

// Every project: five services, PostgreSQL and RabbitMQ share the machine's cores, so idle thread-pool workers must not
// spin. In a benchmark each also listens on its port itself and exports no telemetry (there is no dashboard to take it).
IResourceBuilder<ProjectResource> Project<TProject>(string name) where TProject : IProjectMetadata, new()
{
    var project = builder.AddProject<TProject>(name).WithEnvironment("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit", "0");
    if (!benchmark) return project;
    project.WithEndpointProxySupport(false);
    return project.WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", "");
}

IResourceBuilder<ProjectResource> Service<TProject>(string name) where TProject : IProjectMetadata, new() =>
    Project<TProject>(name)
        .WithReference(postgres)
        .WithReference(rabbitmq)
        .WithEnvironment("Identity__SigningKey", identityKey)
        .WithHttpHealthCheck("/health");

var campaigns = Service<Projects.PerfSuite_Campaigns>("campaigns");
var conversions = Service<Projects.PerfSuite_Conversions>("conversions");
var affiliates = Service<Projects.PerfSuite_Affiliates>("affiliates");
// End-to-end tests: webhook receivers on http://127.0.0.1, retries fast enough to watch (see docs/affiliates.md).
if (builder.Configuration["PerfSuite:WebhooksAllowLoopback"] == "true")
    affiliates.WithEnvironment("Webhooks__AllowHttp", "true").WithEnvironment("Webhooks__Allowlist__0", "127.0.0.1/32")
        .WithEnvironment("Webhooks__RetryBaseDelay", "00:00:00.2").WithEnvironment("Webhooks__RetryMaxDelay", "00:00:02")
        .WithEnvironment("Webhooks__MaxAttempts", "5").WithEnvironment("Webhooks__DisableAfterConsecutiveFailures", "7");
var reporting = Service<Projects.PerfSuite_Reporting>("reporting");

Project<Projects.PerfSuite_Gateway>("gateway")
    .WithReference(postgres)
    .WithReference(campaigns).WaitFor(campaigns)
    .WithReference(conversions).WaitFor(conversions)
    .WithReference(affiliates).WaitFor(affiliates)
    .WithReference(reporting).WaitFor(reporting)
    .WithEnvironment("Identity__SigningKey", identityKey)
    .WithEnvironment("Gateway__OperatorKey", operatorKey)
    .WithEnvironment("Gateway__RateLimit__PermitsPerSecond", builder.Configuration["PerfSuite:RateLimitPerSecond"] ?? "200")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

builder.Build().Run();
