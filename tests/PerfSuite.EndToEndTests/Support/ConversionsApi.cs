using System.Web;
using PerfSuite.Testing;

namespace PerfSuite.EndToEndTests.Support;

/// <summary>A launched campaign with one approved affiliate's tracking link, live on the click path.</summary>
public sealed record LiveLink(TestTenant Tenant, string CampaignId, string AffiliateId, string Code);

/// <summary>One answered click: its status, where it sent the visitor, and the click id appended there.</summary>
public sealed record ClickAnswer(HttpStatusCode Status, Uri? Location, string? ClickId)
{
    public string? Query(string name) => Location is null ? null : HttpUtility.ParseQueryString(Location.Query)[name];
    public string? Target => Location?.GetLeftPart(UriPartial.Path);
}

/// <summary>Helpers for the Conversions scenarios: campaigns with links, clicks without following redirects, conversions.</summary>
public static class ConversionsApi
{
    /// <summary>A client on the gateway that shows redirects instead of following them and keeps no cookies.</summary>
    public static HttpClient Tracking(SuiteFixture suite) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = suite.Gateway.BaseAddress };

    public static async Task<string> ApprovedAffiliateAsync(Api api, string name = "Deal Hunters")
    {
        var (status, created) = await api.PostAsync("/api/affiliates", new { name, email = $"{Guid.NewGuid():N}@affiliates.example" });
        Assert.Equal(HttpStatusCode.Created, status);
        var id = created!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/affiliates/{id}/approve")).Status);
        return id;
    }

    /// <summary>A link for the affiliate (Campaigns learns of the approval asynchronously, so this retries).</summary>
    public static async Task<string> LinkAsync(Api api, string campaignId, string affiliateId)
    {
        var (status, body) = await Eventually.Until(() => api.PostAsync($"/api/campaigns/{campaignId}/links", new { affiliateId }),
            r => r.Status == HttpStatusCode.Created, TimeSpan.FromSeconds(20), "creating a tracking link");
        Assert.Equal(HttpStatusCode.Created, status);
        return body!["code"]!.GetValue<string>();
    }

    /// <summary>A launched campaign with one link, waited for until the click path knows it.</summary>
    public static async Task<LiveLink> LiveLinkAsync(SuiteFixture suite, Func<string, object>? campaign = null, TestTenant? tenant = null,
        Func<Api, string, Task>? beforeLaunch = null)
    {
        tenant ??= await Api.CreateTenantAsync(suite);
        var api = tenant.Client;
        var advertiserId = await Bodies.AdvertiserAsync(api);
        var campaignId = await Bodies.CampaignAsync(api, (campaign ?? (a => Bodies.Campaign(a)))(advertiserId));
        if (beforeLaunch is not null) await beforeLaunch(api, campaignId);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/campaigns/{campaignId}/launch")).Status);
        var affiliateId = await ApprovedAffiliateAsync(api);
        var code = await LinkAsync(api, campaignId, affiliateId);
        using var tracking = Tracking(suite);
        await Eventually.Until(() => ClickAsync(tracking, code, "vid=warmup"), c => c.Status == HttpStatusCode.Redirect,
            TimeSpan.FromSeconds(20), $"the click path learning link {code}");
        return new LiveLink(tenant, campaignId, affiliateId, code);
    }

    public static async Task<ClickAnswer> ClickAsync(HttpClient tracking, string code, string query = "", string? userAgent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/c/{code}{(query.Length > 0 ? "?" + query : "")}");
        if (userAgent is not null) request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        using var response = await tracking.SendAsync(request);
        var location = response.Headers.Location;
        var clickId = location is null ? null : HttpUtility.ParseQueryString(location.Query)["click_id"];
        return new ClickAnswer(response.StatusCode, location, clickId);
    }

    /// <summary>Turns off the click-to-conversion threshold so that tests can convert right after clicking.</summary>
    public static async Task NoFastConversionRuleAsync(Api api) =>
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Put, "/api/fraud-rules", new { minClickToConversionSeconds = 0 })).Status);
}
