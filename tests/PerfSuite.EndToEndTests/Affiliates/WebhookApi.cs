using PerfSuite.EndToEndTests.Support;

namespace PerfSuite.EndToEndTests.Affiliates;

/// <summary>Affiliates and their webhook endpoints, set up through the gateway.</summary>
public static class WebhookApi
{
    public static async Task<string> ApprovedAffiliateAsync(Api api, string name = "Deal Hunters")
    {
        var (status, created) = await api.PostAsync("/api/affiliates", new { name, email = $"{Guid.NewGuid():N}@affiliate.example" });
        Assert.Equal(HttpStatusCode.Created, status);
        var id = created!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/affiliates/{id}/approve")).Status);
        return id;
    }

    /// <summary>Points the affiliate's webhook at the receiver; returns the signing secret.</summary>
    public static async Task<string> SubscribeAsync(Api api, string affiliateId, string url, string[]? events = null)
    {
        var (status, body) = await api.SendAsync(HttpMethod.Put, $"/api/affiliates/{affiliateId}/webhook", new { url, events });
        Assert.True(status == HttpStatusCode.OK, $"PUT webhook answered {status}: {body}");
        var secret = body!["secret"]!.GetValue<string>();
        Assert.StartsWith("whsec_", secret);
        return secret;
    }

    public static async Task<string> SendTestAsync(Api api, string affiliateId)
    {
        var (status, body) = await api.PostAsync($"/api/affiliates/{affiliateId}/webhook/test");
        Assert.Equal(HttpStatusCode.Accepted, status);
        return body!["id"]!.GetValue<string>();
    }

    public static Task<JsonNode?> DeliveryAsync(Api api, string deliveryId, Func<JsonNode, bool> done, TimeSpan? within = null) =>
        api.EventuallyAsync($"/api/webhook-deliveries/{deliveryId}", d => d is not null && done(d), within);
}
