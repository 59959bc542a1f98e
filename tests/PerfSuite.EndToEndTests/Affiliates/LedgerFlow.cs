using PerfSuite.EndToEndTests.Support;
using PerfSuite.Testing;

namespace PerfSuite.EndToEndTests.Affiliates;

/// <summary>Campaign, links, clicks and conversions through the gateway, as API.md describes them.</summary>
public sealed class LedgerFlow(SuiteFixture suite, Api api)
{
    private readonly HttpClient _noRedirects = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = suite.Gateway.BaseAddress,
    };

    public async Task<string> LaunchedCampaignAsync(object payout, object? attribution = null, string currency = "USD")
    {
        var advertiserId = await Bodies.AdvertiserAsync(api);
        var campaignId = await Bodies.CampaignAsync(api, new
        {
            advertiserId, name = "Affiliate push", channel = "affiliate", currency, landingUrl = "https://shop.example/landing",
            payout, attribution,
        });
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/campaigns/{campaignId}/launch")).Status);
        // The tests convert right after clicking, from one IP: the default fraud rules would flag that as not payable.
        var (rulesStatus, rules) = await api.SendAsync(HttpMethod.Put, "/api/fraud-rules", new { duplicateClickWindowSeconds = 0, minClickToConversionSeconds = 0 });
        Assert.True(rulesStatus == HttpStatusCode.OK, $"PUT /api/fraud-rules answered {rulesStatus}: {rules}");
        return campaignId;
    }

    /// <summary>A tracking link for an approved affiliate (Campaigns hears of the approval eventually).</summary>
    public async Task<string> LinkAsync(string campaignId, string affiliateId)
    {
        var (_, link) = await Eventually.Until(() => api.PostAsync($"/api/campaigns/{campaignId}/links", new { affiliateId }),
            r => r.Status == HttpStatusCode.Created, TimeSpan.FromSeconds(60), "creating a tracking link");
        return link!["code"]!.GetValue<string>();
    }

    /// <summary>Clicks the link (once Conversions knows it is live) and returns the click id.</summary>
    public async Task<string> ClickAsync(string code, string visitorId)
    {
        var location = await Eventually.Until(async () =>
        {
            using var response = await _noRedirects.GetAsync($"/c/{code}?vid={visitorId}");
            return response.Headers.Location?.ToString() ?? "";
        }, l => l.Contains("click_id="), TimeSpan.FromSeconds(60), $"clicking /c/{code}");
        var clickId = location.Split("click_id=")[1].Split('&')[0];
        return Guid.Parse(clickId).ToString();
    }

    public async Task<JsonNode> ConvertAsync(string clickId, decimal amount, string type = "sale", string currency = "USD")
    {
        var (status, body) = await api.PostAsync("/api/conversions", new { clickId, type, amount, currency, orderId = Guid.NewGuid().ToString("N") });
        Assert.True(status == HttpStatusCode.Created, $"conversion answered {status}: {body}");
        Assert.Equal("attributed", body!["status"]!.GetValue<string>());
        Assert.True(body["payable"]!.GetValue<bool>(), $"conversion not payable: {body}");
        return body;
    }

    public Task<JsonNode?> CommissionsAsync(string affiliateId, Func<JsonArray, bool> done) =>
        api.EventuallyAsync($"/api/commissions?affiliateId={affiliateId}", b => b is JsonArray a && done(a));
}
