using Yarp.ReverseProxy.Configuration;

namespace PerfSuite.Gateway.Proxy;

/// <summary>Which service answers which public path. Destinations resolve through service discovery.</summary>
public static class Routes
{
    public static readonly IReadOnlyDictionary<string, string[]> PathsByService = new Dictionary<string, string[]>
    {
        ["campaigns"] = ["/api/campaigns/{**rest}", "/api/advertisers/{**rest}", "/api/me/links/{**rest}"],
        ["conversions"] = ["/api/conversions/{**rest}", "/api/fx-rates/{**rest}", "/api/fraud-rules/{**rest}", "/c/{**rest}", "/i/{**rest}", "/p", "/bench/noop"],
        ["affiliates"] = ["/api/affiliates/{**rest}", "/api/commissions/{**rest}", "/api/payouts/{**rest}", "/api/webhook-deliveries/{**rest}", "/api/me/commissions/{**rest}", "/api/me/payouts/{**rest}"],
        ["reporting"] = ["/api/reports/{**rest}", "/api/platform-stats/{**rest}", "/api/me/stats/{**rest}"],
    };

    public static IReadOnlyList<RouteConfig> BuildRoutes() =>
        PathsByService.SelectMany(s => s.Value.Select((path, i) => new RouteConfig
        {
            RouteId = $"{s.Key}-{i}",
            ClusterId = s.Key,
            Match = new RouteMatch { Path = path },
        })).ToList();

    public static IReadOnlyList<ClusterConfig> BuildClusters() =>
        PathsByService.Keys.Select(service => new ClusterConfig
        {
            ClusterId = service,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [service] = new() { Address = $"http://{service}" },
            },
            HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(60) },
        }).ToList();
}
