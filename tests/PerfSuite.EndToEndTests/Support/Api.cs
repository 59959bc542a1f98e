using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PerfSuite.Testing;

namespace PerfSuite.EndToEndTests.Support;

/// <summary>A tenant as a test sees it: its id and a client that sends its API key to the gateway.</summary>
public sealed record TestTenant(string TenantId, string ApiKey, Api Client);

/// <summary>Thin helpers over HttpClient for the gateway API (JSON in, JsonNode out).</summary>
public sealed class Api(HttpClient http, string? apiKey)
{
    public HttpClient Http => http;

    public static async Task<TestTenant> CreateTenantAsync(SuiteFixture suite, string name = "Agency", string currency = "USD", string timeZone = "UTC")
    {
        var op = new Api(suite.Gateway, suite.OperatorKey);
        var (status, body) = await op.SendAsync(HttpMethod.Post, "/api/admin/tenants", new { name, currency, timeZone });
        Assert.True(status == HttpStatusCode.Created, $"creating a tenant answered {status}: {body}");
        var key = body!["apiKey"]!.GetValue<string>();
        return new TestTenant(body["tenantId"]!.GetValue<string>(), key, new Api(suite.Gateway, key));
    }

    public Api WithKey(string key) => new(http, key);

    public Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body);

    /// <summary>
    /// Sends and parses the answer. A 429 is waited out (Retry-After) and sent again: the suite runs with a low rate
    /// limit, and a fast machine polls faster than it. Tests of the limit itself use <see cref="SendRawAsync"/>.
    /// </summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, object? body = null,
        IDictionary<string, string>? headers = null)
    {
        var response = await SendRawAsync(method, path, body, headers);
        for (var attempt = 0; response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 30; attempt++)
        {
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait);
            response = await SendRawAsync(method, path, body, headers);
        }
        using var _ = response;
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? node = null;
        if (text.Length > 0 && (response.Content.Headers.ContentType?.MediaType?.Contains("json") ?? false))
            node = JsonNode.Parse(text);
        return (response.StatusCode, node);
    }

    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (apiKey is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        if (body is string raw) request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body, options: new JsonSerializerOptions(JsonSerializerDefaults.Web));
        foreach (var (k, v) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(k, v);
        return await http.SendAsync(request);
    }

    /// <summary>Polls a GET until the check holds (read models are eventually consistent).</summary>
    public Task<JsonNode?> EventuallyAsync(string path, Func<JsonNode?, bool> done, TimeSpan? within = null) =>
        Eventually.Until(async () => (await GetAsync(path)).Body, done, within ?? TimeSpan.FromSeconds(20), $"GET {path}");
}
