using System.Text.Json.Nodes;

namespace PerfSuite.Gateway.Proxy;

/// <summary>
/// The gateway's OpenAPI document: its own endpoints plus every service's, merged into one, so
/// integrators see the whole contract at /openapi/v1.json. Services that do not answer are left out
/// (and named in x-perfsuite-missing) rather than failing the document.
/// </summary>
public static class MergedOpenApi
{
    public static void MapMergedOpenApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/openapi/v1.json", async (HttpContext http, IHttpClientFactory clients, CancellationToken ct) =>
        {
            var client = clients.CreateClient("openapi");
            var own = await client.GetStringAsync($"{http.Request.Scheme}://{http.Request.Host}/openapi/gateway.json", ct);
            var merged = JsonNode.Parse(own)!.AsObject();
            merged["info"] = new JsonObject { ["title"] = "PerfSuite API", ["version"] = "v1" };
            var paths = merged["paths"] as JsonObject ?? new JsonObject();
            merged["paths"] = paths;
            var components = merged["components"] as JsonObject ?? new JsonObject();
            merged["components"] = components;
            var schemas = components["schemas"] as JsonObject ?? new JsonObject();
            components["schemas"] = schemas;
            var missing = new JsonArray();
            foreach (var service in Routes.PathsByService.Keys)
            {
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timeout.CancelAfter(TimeSpan.FromSeconds(5));
                    var doc = JsonNode.Parse(await client.GetStringAsync($"http://{service}/openapi/v1.json", timeout.Token))!;
                    foreach (var (path, item) in doc["paths"]?.AsObject() ?? [])
                        paths[path] = item?.DeepClone();
                    foreach (var (name, schema) in doc["components"]?["schemas"]?.AsObject() ?? [])
                        schemas[name] = schema?.DeepClone();
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
                {
                    missing.Add(service);
                }
            }
            if (missing.Count > 0) merged["x-perfsuite-missing"] = missing;
            merged["components"]!["securitySchemes"] = JsonNode.Parse("""{"apiKey":{"type":"http","scheme":"bearer"}}""");
            merged["security"] = JsonNode.Parse("""[{"apiKey":[]}]""");
            return Results.Text(merged.ToJsonString(), "application/json");
        }).ExcludeFromDescription();
}
