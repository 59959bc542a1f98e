using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using PerfSuite.BuildingBlocks.Identity;

namespace PerfSuite.IntegrationTests.Foundation;

/// <summary>
/// A real service (its Program, its Marten store, its MassTransit bus) hosted in the test process,
/// wired to the given PostgreSQL database and RabbitMQ broker.
/// </summary>
public sealed class ServiceHost<TMarker>(string postgres, string rabbitMq, string signingKey) : WebApplicationFactory<TMarker>
    where TMarker : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:postgres", postgres);
        builder.UseSetting("ConnectionStrings:rabbitmq", rabbitMq);
        builder.UseSetting("Identity:SigningKey", signingKey);
        builder.UseEnvironment("Development");
    }

    /// <summary>A client that carries a gateway-signed identity, as the gateway would forward it.</summary>
    public HttpClient ClientFor(CallerIdentity caller)
    {
        var client = CreateClient();
        var headers = new HeaderDictionary();
        new GatewayIdentity(signingKey).Write(headers, caller);
        foreach (var (name, value) in headers)
            client.DefaultRequestHeaders.TryAddWithoutValidation(name, value.ToString());
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }
}
