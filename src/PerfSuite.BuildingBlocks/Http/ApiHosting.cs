using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PerfSuite.BuildingBlocks.Identity;

namespace PerfSuite.BuildingBlocks.Http;

public static class ApiHosting
{
    /// <summary>The JSON shape of the public API: camelCase, snake_case enums, no trailing junk.</summary>
    public static void Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.DictionaryKeyPolicy = null;
        o.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }

    /// <summary>Problem details, JSON conventions, gateway-identity authentication and OpenAPI for a service.</summary>
    public static IHostApplicationBuilder AddPerfSuiteApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiErrorHandler>();
        builder.Services.Configure<JsonOptions>(o => Configure(o.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi();
        builder.AddGatewayAuthentication();
        return builder;
    }

    public static WebApplication UsePerfSuiteApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi().AllowAnonymous();
        app.MapDefaultEndpoints();
        return app;
    }
}
