using PerfSuite.Testing;

namespace PerfSuite.EndToEndTests.Support;

/// <summary>Steps the Campaigns scenarios share: approved affiliates, affiliate keys, tracking links, ETag reads.</summary>
public static class CampaignsApi
{
    public static async Task<string> ApprovedAffiliateAsync(Api api, string name = "Deal Hunters")
    {
        var (status, created) = await api.PostAsync("/api/affiliates", new { name, email = $"{Guid.NewGuid():N}@partners.example" });
        Assert.True(status == HttpStatusCode.Created, $"register affiliate answered {status}: {created}");
        var id = created!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/affiliates/{id}/approve")).Status);
        return id;
    }

    public static async Task<Api> AffiliateKeyAsync(Api admin, string affiliateId)
    {
        var (status, created) = await admin.PostAsync("/api/keys", new { role = "affiliate", affiliateId });
        Assert.True(status == HttpStatusCode.Created, $"create affiliate key answered {status}: {created}");
        return admin.WithKey(created!["apiKey"]!.GetValue<string>());
    }

    /// <summary>Campaigns learns of the approval from Affiliates' event: retry while the approval is on its way.</summary>
    public static async Task<JsonNode> LinkAsync(Api api, string campaignId, string affiliateId, object? subIds = null)
    {
        var (_, body) = await Eventually.Until(() => api.PostAsync($"/api/campaigns/{campaignId}/links", new { affiliateId, subIds }),
            r => r.Status == HttpStatusCode.Created, TimeSpan.FromSeconds(30), "tracking link for an approved affiliate");
        return body!;
    }

    public static async Task<(JsonNode Campaign, string ETag)> GetWithETagAsync(Api api, string campaignId)
    {
        using var response = await api.SendRawAsync(HttpMethod.Get, $"/api/campaigns/{campaignId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonNode.Parse(await response.Content.ReadAsStringAsync())!, response.Headers.ETag!.Tag);
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body)> PatchAsync(Api api, string campaignId, object body, string? ifMatch) =>
        api.SendAsync(HttpMethod.Patch, $"/api/campaigns/{campaignId}", body,
            ifMatch is null ? null : new Dictionary<string, string> { ["If-Match"] = ifMatch });
}

/// <summary>A visitor's browser on the public click path: no API key, redirects not followed, so the 302 is visible.</summary>
public sealed class Clicker(SuiteFixture suite) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = suite.Gateway.BaseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Clicks the link as the given visitor; returns the status, the redirect target and the click id from it.</summary>
    public async Task<(HttpStatusCode Status, string? Location, Guid? ClickId)> ClickAsync(string code, string visitorId)
    {
        using var response = await _http.GetAsync($"/c/{code}?vid={Uri.EscapeDataString(visitorId)}");
        var location = response.Headers.Location?.ToString();
        Guid? clickId = null;
        if (location is not null && System.Text.RegularExpressions.Regex.Match(location, "[?&]click_id=([0-9a-f]{32})") is { Success: true } m)
            clickId = Guid.ParseExact(m.Groups[1].Value, "N");
        return (response.StatusCode, location, clickId);
    }

    public void Dispose() => _http.Dispose();
}
