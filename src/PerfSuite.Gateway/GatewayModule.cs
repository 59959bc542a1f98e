using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Npgsql;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Gateway.Keys;
using PerfSuite.Gateway.Proxy;
using PerfSuite.Gateway.Tenants;
using Scalar.AspNetCore;

namespace PerfSuite.Gateway;

public static class GatewayModule
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:postgres is not set. Start the local servers with `scripts/infra.sh start` or run the suite through the AppHost.");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddHostedService<GatewayMigration>();
        builder.AddGatewayIdentity();

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiErrorHandler>();
        builder.Services.Configure<JsonOptions>(o => ApiHosting.Configure(o.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi("gateway");
        builder.Services.AddHttpClient("openapi");

        builder.Services.AddReverseProxy()
            .LoadFromMemory(Routes.BuildRoutes(), Routes.BuildClusters())
            .AddServiceDiscoveryDestinationResolver();

        var permitsPerSecond = builder.Configuration.GetValue("Gateway:RateLimit:PermitsPerSecond", 200);
        var burst = builder.Configuration.GetValue("Gateway:RateLimit:Burst", permitsPerSecond * 2);
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Items[ApiKeyAuthentication.KeyIdItem] is string keyId
                    ? RateLimitPartition.GetTokenBucketLimiter(keyId, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = burst,
                        TokensPerPeriod = permitsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter("public"));
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await ProblemResults.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests",
                    "This API key sent more requests than its rate limit allows; retry after the Retry-After seconds.");
            };
        });
        return builder;
    }

    public static WebApplication UseGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseMiddleware<ApiKeyAuthentication>();
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapGatewayApi(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapMergedOpenApi();
        app.MapScalarApiReference(o => o.WithOpenApiRoutePattern("/openapi/v1.json"));
        app.MapCreateTenant();
        app.MapKeysApi();
        app.MapReverseProxy();
        return app;
    }
}

public sealed class GatewayMigration(ApiKeyStore keys) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => keys.MigrateAsync(cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
