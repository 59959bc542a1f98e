using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using PerfSuite.Testing;

namespace PerfSuite.EndToEndTests.Support;

/// <summary>
/// The whole suite, started once from the real AppHost for every end-to-end test in the collection,
/// against the PostgreSQL and RabbitMQ of the environment (a fresh database per run). Tests reach it
/// only through the gateway; each test makes its own tenants, so tests never see each other's data.
/// </summary>
public sealed class SuiteFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(4);

    /// <summary>Per API key; every test has keys of its own, so only the rate-limit test comes near it.</summary>
    public const int RateLimitPerSecond = 100;

    public string OperatorKey { get; } = "op_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
    public string IdentitySigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    public DistributedApplication App { get; private set; } = null!;
    public HttpClient Gateway { get; private set; } = null!;
    public string PostgresConnectionString { get; private set; } = "";
    public string RabbitMqConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        PostgresConnectionString = await TestInfrastructure.CreateDatabaseAsync("perfsuite_e2e");
        var rabbit = RabbitMqConnectionString = await TestInfrastructure.CreateVirtualHostAsync("e2e");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PerfSuite_AppHost>(
            [
                $"ConnectionStrings:postgres={PostgresConnectionString}",
                $"ConnectionStrings:rabbitmq={rabbit}",
                $"PerfSuite:OperatorKey={OperatorKey}",
                $"PERFSUITE_OPERATOR_KEY={OperatorKey}",
                $"PerfSuite:IdentitySigningKey={IdentitySigningKey}",
                $"PerfSuite:RateLimitPerSecond={RateLimitPerSecond}",
                "PerfSuite:WebhooksAllowLoopback=true",
            ],
            (options, _) => options.DisableDashboard = true);
        App = await builder.BuildAsync();
        using var cts = new CancellationTokenSource(StartupTimeout);
        await App.StartAsync(cts.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cts.Token);
        Gateway = App.CreateHttpClient("gateway");
        Gateway.Timeout = TimeSpan.FromSeconds(60);
    }

    /// <summary>A client that talks to one service directly, bypassing the gateway.</summary>
    public HttpClient Direct(string service) => App.CreateHttpClient(service);

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        if (RabbitMqConnectionString.Length > 0) await TestInfrastructure.DeleteVirtualHostAsync(RabbitMqConnectionString);
    }
}

[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<SuiteFixture>
{
    public const string Name = "suite";
}
