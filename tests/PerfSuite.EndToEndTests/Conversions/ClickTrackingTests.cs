using PerfSuite.EndToEndTests.Support;
using PerfSuite.Testing;

namespace PerfSuite.EndToEndTests.Conversions;

[Collection(SuiteCollection.Name)]
public sealed class ClickTrackingTests(SuiteFixture suite)
{
    [Fact]
    public async Task A_click_redirects_to_the_landing_with_click_id_passes_utm_and_sub_ids_and_is_stored_billable()
    {
        var link = await ConversionsApi.LiveLinkAsync(suite, a => Bodies.Campaign(a, payoutModel: "cpc", amount: 0.4m));
        using var tracking = ConversionsApi.Tracking(suite);

        var click = await ConversionsApi.ClickAsync(tracking, link.Code, "vid=visitor-1&utm_source=news%20letter&utm_campaign=spring&sub1=a%26b&sub5=z&other=dropped");

        Assert.Equal(HttpStatusCode.Redirect, click.Status);
        Assert.Equal("https://shop.example/landing", click.Target);
        Assert.True(Guid.TryParse(click.ClickId, out _));
        Assert.Equal("news letter", click.Query("utm_source"));
        Assert.Equal("spring", click.Query("utm_campaign"));
        Assert.Equal("a&b", click.Query("sub1"));
        Assert.Equal("z", click.Query("sub5"));
        Assert.Null(click.Query("other"));
        Assert.Null(click.Query("vid"));

        var (status, stored) = await link.Tenant.Client.GetAsync($"/api/conversions/clicks/{click.ClickId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(link.AffiliateId, stored!["affiliateId"]!.GetValue<string>());
        Assert.Equal(link.CampaignId, stored["campaignId"]!.GetValue<string>());
        Assert.Equal("visitor-1", stored["visitorId"]!.GetValue<string>());
        Assert.True(stored["billable"]!.GetValue<bool>());
        Assert.Equal(0.4m, stored["spend"]!.GetValue<decimal>());

        var other = await Api.CreateTenantAsync(suite);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/conversions/clicks/{click.ClickId}")).Status);
    }

    [Fact]
    public async Task A_visitor_without_id_gets_a_first_party_cookie_that_identifies_its_next_clicks_and_an_unknown_code_is_a_404_page()
    {
        var link = await ConversionsApi.LiveLinkAsync(suite);
        using var tracking = ConversionsApi.Tracking(suite);

        using var first = await tracking.GetAsync($"/c/{link.Code}");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ps_vid=", StringComparison.Ordinal));
        var visitor = cookie.Split(';')[0]["ps_vid=".Length..];

        async Task<JsonNode> ClickWithCookie()
        {
            using var again = new HttpRequestMessage(HttpMethod.Get, $"/c/{link.Code}");
            again.Headers.Add("Cookie", $"ps_vid={visitor}");
            using var response = await tracking.SendAsync(again);
            Assert.False(response.Headers.Contains("Set-Cookie"));
            var clickId = System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query)["click_id"];
            var (status, stored) = await link.Tenant.Client.GetAsync($"/api/conversions/clicks/{clickId}");
            Assert.Equal(HttpStatusCode.OK, status);
            return stored!;
        }
        var second = await ClickWithCookie();
        Assert.Equal(visitor, second["visitorId"]!.GetValue<string>());
        Assert.True(second["billable"]!.GetValue<bool>());
        var third = await ClickWithCookie();
        Assert.Equal("duplicate_click", third["reason"]!.GetValue<string>());
        Assert.False(third["billable"]!.GetValue<bool>());

        using var unknown = await tracking.GetAsync("/c/doesNotExist");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("text/html", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_same_visitor_always_gets_the_same_variant()
    {
        var link = await ConversionsApi.LiveLinkAsync(suite, beforeLaunch: async (api, campaignId) =>
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/campaigns/{campaignId}/variants",
                new { name = "B", landingUrl = "https://shop.example/b", weight = 100 })).Status));
        using var tracking = ConversionsApi.Tracking(suite);

        var targets = new HashSet<string>();
        for (var v = 0; v < 16; v++)
        {
            var first = await ConversionsApi.ClickAsync(tracking, link.Code, $"vid=ab-{v}");
            var second = await ConversionsApi.ClickAsync(tracking, link.Code, $"vid=ab-{v}");
            Assert.Equal(first.Target, second.Target);
            targets.Add(first.Target!);
        }
        Assert.Equal(["https://shop.example/b", "https://shop.example/landing"], targets.Order());
    }

    [Fact]
    public async Task A_paused_campaign_sends_clicks_to_the_fallback_unbilled_and_resuming_restores_the_landing()
    {
        var link = await ConversionsApi.LiveLinkAsync(suite);
        using var tracking = ConversionsApi.Tracking(suite);
        Assert.Equal(HttpStatusCode.OK, (await link.Tenant.Client.PostAsync($"/api/campaigns/{link.CampaignId}/pause")).Status);

        var paused = await Eventually.Until(() => ConversionsApi.ClickAsync(tracking, link.Code, $"vid={Guid.NewGuid()}"),
            c => c.Target == "https://shop.example/fallback", TimeSpan.FromSeconds(20), "the pause reaching the click path");
        Assert.NotNull(paused.ClickId);
        var (_, stored) = await link.Tenant.Client.GetAsync($"/api/conversions/clicks/{paused.ClickId}");
        Assert.False(stored!["billable"]!.GetValue<bool>());
        Assert.Equal("campaign_not_live", stored["reason"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await link.Tenant.Client.PostAsync($"/api/campaigns/{link.CampaignId}/resume")).Status);
        await Eventually.Until(() => ConversionsApi.ClickAsync(tracking, link.Code, $"vid={Guid.NewGuid()}"),
            c => c.Target == "https://shop.example/landing", TimeSpan.FromSeconds(20), "the resume reaching the click path");
    }

    [Fact]
    public async Task A_holdout_visitor_goes_to_the_fallback_and_is_not_billable()
    {
        var link = await ConversionsApi.LiveLinkAsync(suite, a => Bodies.Campaign(a, payoutModel: "cpc", amount: 1m, holdoutPercent: 50m));
        using var tracking = ConversionsApi.Tracking(suite);

        var clicks = new List<ClickAnswer>();
        for (var v = 0; v < 24; v++) clicks.Add(await ConversionsApi.ClickAsync(tracking, link.Code, $"vid=h-{v}"));
        var heldOut = clicks.Where(c => c.Target == "https://shop.example/fallback").ToList();
        Assert.NotEmpty(heldOut);
        Assert.Contains(clicks, c => c.Target == "https://shop.example/landing");

        foreach (var click in heldOut.Take(3))
        {
            var (_, stored) = await link.Tenant.Client.GetAsync($"/api/conversions/clicks/{click.ClickId}");
            Assert.True(stored!["holdout"]!.GetValue<bool>());
            Assert.False(stored["billable"]!.GetValue<bool>());
            Assert.Equal(0m, stored["spend"]!.GetValue<decimal>());
        }
    }

    [Fact]
    public async Task Known_bots_are_redirected_but_not_billable_and_an_impression_answers_a_gif()
    {
        var link = await ConversionsApi.LiveLinkAsync(suite);
        using var tracking = ConversionsApi.Tracking(suite);

        var bot = await ConversionsApi.ClickAsync(tracking, link.Code, "vid=crawler", "Mozilla/5.0 (compatible; Googlebot/2.1)");
        Assert.Equal(HttpStatusCode.Redirect, bot.Status);
        var (_, stored) = await link.Tenant.Client.GetAsync($"/api/conversions/clicks/{bot.ClickId}");
        Assert.Equal("bot", stored!["reason"]!.GetValue<string>());
        Assert.False(stored["billable"]!.GetValue<bool>());

        using var impression = await tracking.GetAsync($"/i/{link.Code}");
        Assert.Equal(HttpStatusCode.OK, impression.StatusCode);
        Assert.Equal("image/gif", impression.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_benchmark_reference_answers_a_302_without_a_key()
    {
        using var tracking = ConversionsApi.Tracking(suite);
        using var response = await tracking.GetAsync("/bench/noop");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
