using PerfSuite.Testing;

namespace PerfSuite.EndToEndTests.Support;

/// <summary>Steps the Campaigns scenarios share: affiliate keys, tracking links with their URLs, ETag reads, PATCH.</summary>
public static class CampaignsApi
{
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

