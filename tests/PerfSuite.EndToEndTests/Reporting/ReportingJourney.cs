using System.Web;
using PerfSuite.EndToEndTests.Support;
using PerfSuite.Testing;

namespace PerfSuite.EndToEndTests.Reporting;

/// <summary>
/// A launched CPC campaign ($0.50 per billable click) with a B variant and two affiliates' links, and the tracking and
/// conversion calls a journey is made of, all through the gateway.
/// </summary>
public sealed class ReportingJourney
{
    public const decimal Cpc = 0.5m;
    public const string LandingUrl = "https://shop.example/landing";
    public const string VariantBUrl = "https://shop.example/variant-b";

    private readonly HttpClient _tracking;

    private ReportingJourney(SuiteFixture suite, TestTenant tenant)
    {
        Suite = suite;
        Tenant = tenant;
        _tracking = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = suite.Gateway.BaseAddress };
    }

    public SuiteFixture Suite { get; }
    public TestTenant Tenant { get; }
    public Api Api => Tenant.Client;
    public string CampaignId { get; private set; } = "";
    public string VariantBId { get; private set; } = "";
    public string Affiliate1 { get; private set; } = "";
    public string Affiliate2 { get; private set; } = "";
    public string Link1 { get; private set; } = "";
    public string Link2 { get; private set; } = "";

    public static async Task<ReportingJourney> LaunchAsync(SuiteFixture suite, object? targets = null)
    {
        var journey = new ReportingJourney(suite, await Api.CreateTenantAsync(suite));
        var api = journey.Api;
        var advertiserId = await Bodies.AdvertiserAsync(api);
        journey.CampaignId = await Bodies.CampaignAsync(api, Bodies.Campaign(advertiserId, name: "Winter leads", payoutModel: "cpc", amount: Cpc,
            landingUrl: LandingUrl, channel: "search", targets: targets, attribution: new { model = "last_touch", windowDays = 30 }));
        var (variantStatus, variant) = await api.PostAsync($"/api/campaigns/{journey.CampaignId}/variants",
            new { name = "B", landingUrl = VariantBUrl, weight = 50 });
        Assert.True(variantStatus == HttpStatusCode.Created, $"variant: {variantStatus} {variant}");
        journey.VariantBId = (variant!["id"] ?? variant["variantId"])!.GetValue<string>();
        journey.Affiliate1 = await journey.ApprovedAffiliateAsync("Ann");
        journey.Affiliate2 = await journey.ApprovedAffiliateAsync("Bob");
        journey.Link1 = await journey.LinkAsync(journey.Affiliate1);
        journey.Link2 = await journey.LinkAsync(journey.Affiliate2);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/campaigns/{journey.CampaignId}/launch")).Status);
        return journey;
    }

    private async Task<string> ApprovedAffiliateAsync(string name)
    {
        var (status, body) = await Api.PostAsync("/api/affiliates", new { name, email = $"{name.ToLowerInvariant()}@partners.example" });
        Assert.Equal(HttpStatusCode.Created, status);
        var id = body!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync($"/api/affiliates/{id}/approve")).Status);
        return id;
    }

    /// <summary>Campaigns learns of the approval from an event: retry until it knows.</summary>
    private async Task<string> LinkAsync(string affiliateId)
    {
        var (_, body) = await Eventually.Until(() => Api.PostAsync($"/api/campaigns/{CampaignId}/links", new { affiliateId }),
            r => r.Status == HttpStatusCode.Created, TimeSpan.FromSeconds(20), "a tracking link for an approved affiliate");
        return body!["code"]!.GetValue<string>();
    }

    /// <summary>A click of a visitor; returns its click id and whether it landed on variant B.</summary>
    public async Task<(Guid ClickId, bool VariantB)> ClickAsync(string code, string visitor)
    {
        var response = await Eventually.Until(() => _tracking.GetAsync($"/c/{code}?vid={visitor}"),
            r => r.StatusCode == HttpStatusCode.Redirect, TimeSpan.FromSeconds(20), $"a click on {code}");
        var location = response.Headers.Location!;
        var clickId = Guid.Parse(HttpUtility.ParseQueryString(location.Query)["click_id"]!);
        return (clickId, location.ToString().StartsWith(VariantBUrl, StringComparison.Ordinal));
    }

    public async Task ImpressionAsync(string code, string visitor)
    {
        using var response = await _tracking.GetAsync($"/i/{code}?vid={visitor}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task<string> ConvertAsync(Guid clickId, string type, decimal amount, string orderId, string? customerId = null)
    {
        var (status, body) = await Api.PostAsync("/api/conversions",
            new { clickId, type, amount, currency = "USD", orderId, customerId });
        Assert.True(status == HttpStatusCode.Created, $"conversion: {status} {body}");
        Assert.Equal("attributed", body!["status"]!.GetValue<string>());
        return body["id"]!.GetValue<string>();
    }

    public async Task<string> KeyAsync(string role, string? affiliateId = null)
    {
        var (status, body) = await Api.PostAsync("/api/keys", new { role, affiliateId });
        Assert.Equal(HttpStatusCode.Created, status);
        return body!["apiKey"]!.GetValue<string>();
    }
}
