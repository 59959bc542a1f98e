using PerfSuite.EndToEndTests.Support;

namespace PerfSuite.EndToEndTests.Campaigns;

[Collection(SuiteCollection.Name)]
public sealed class CampaignLifecycleTests(SuiteFixture suite)
{
    [Fact]
    public async Task Create_add_variants_link_launch_pause_resume_end_and_reporting_sees_the_campaign()
    {
        var tenant = await Api.CreateTenantAsync(suite);
        var api = tenant.Client;
        var affiliateId = await CampaignsApi.ApprovedAffiliateAsync(api);
        var campaignId = await Bodies.CampaignAsync(api, Bodies.Campaign(await Bodies.AdvertiserAsync(api), payoutModel: "cpa", amount: 10m,
            percent: 5m, holdoutPercent: 10m, budget: new { daily = 50m, total = 500m }));

        var (variantStatus, variant) = await api.PostAsync($"/api/campaigns/{campaignId}/variants", new { name = "B", landingUrl = "https://shop.example/b", weight = 50 });
        Assert.Equal(HttpStatusCode.Created, variantStatus);
        Assert.False(variant!["paused"]!.GetValue<bool>());
        var variantId = variant["variantId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/campaigns/{campaignId}/variants", new { name = "C", landingUrl = "https://shop.example/c", weight = 50 })).Status);
        var (pauseVariant, pausedVariant) = await api.SendAsync(HttpMethod.Patch, $"/api/campaigns/{campaignId}/variants/{variantId}", new { paused = true });
        Assert.Equal(HttpStatusCode.OK, pauseVariant);
        Assert.True(pausedVariant!["paused"]!.GetValue<bool>());

        var link = await CampaignsApi.LinkAsync(api, campaignId, affiliateId, new { sub1 = "spring" });
        var code = link["code"]!.GetValue<string>();
        Assert.Matches("^[0-9A-Za-z]{10}$", code);
        Assert.Equal(new Uri(suite.Gateway.BaseAddress!, $"/c/{code}").ToString(), link["url"]!.GetValue<string>());

        async Task<JsonNode> Transition(string action, string status, string? reason)
        {
            var (s, body) = await api.PostAsync($"/api/campaigns/{campaignId}/{action}");
            Assert.True(s == HttpStatusCode.OK, $"{action} answered {s}: {body}");
            Assert.Equal(status, body!["status"]!.GetValue<string>());
            Assert.Equal(reason, body["statusReason"]?.GetValue<string>());
            return body;
        }

        var launched = await Transition("launch", "active", null);
        Assert.Equal(2, launched["variants"]!.AsArray().Count);
        Assert.Equal(code, launched["links"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("cpa", launched["payout"]!["model"]!.GetValue<string>());
        Assert.Equal(5m, launched["payout"]!["percent"]!.GetValue<decimal>());

        var rows = await api.EventuallyAsync($"/api/reports/kpis?groupBy=campaign&campaignId={campaignId}", body => body is JsonArray { Count: 1 });
        Assert.Equal("Spring sale", rows![0]!["label"]!.GetValue<string>());

        await Transition("pause", "paused", "manual");
        await Transition("resume", "active", null);
        var ended = await Transition("end", "ended", "manual");
        Assert.Equal(9, ended["version"]!.GetValue<long>()); // created, 2 variants, variant paused, link, launch, pause, resume, end

        var (again, problem) = await api.PostAsync($"/api/campaigns/{campaignId}/resume");
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.EndsWith("illegal-transition", problem!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/campaigns/{campaignId}/links", new { affiliateId })).Status);
    }

    [Fact]
    public async Task Patch_needs_the_current_ETag_a_stale_one_gets_412_and_a_payout_change_is_kept_in_the_history()
    {
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var campaignId = await Bodies.CampaignAsync(api, Bodies.Campaign(await Bodies.AdvertiserAsync(api), payoutModel: "cpc", amount: 0.5m));
        var (_, etag) = await CampaignsApi.GetWithETagAsync(api, campaignId);
        Assert.Equal("\"1\"", etag);

        var (missing, missingProblem) = await CampaignsApi.PatchAsync(api, campaignId, new { name = "No etag" }, null);
        Assert.Equal((HttpStatusCode)428, missing);
        Assert.EndsWith("precondition-required", missingProblem!["type"]!.GetValue<string>());

        var (ok, patched) = await CampaignsApi.PatchAsync(api, campaignId, new { name = "Renamed", payout = new { model = "cpc", amount = 0.8m } }, etag);
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal("Renamed", patched!["name"]!.GetValue<string>());
        Assert.Equal(2, patched["payoutHistory"]!.AsArray().Count);
        Assert.Equal(0.5m, patched["payoutHistory"]![0]!["payout"]!["amount"]!.GetValue<decimal>());

        var (stale, staleProblem) = await CampaignsApi.PatchAsync(api, campaignId, new { name = "Lost update" }, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale);
        Assert.EndsWith("precondition-failed", staleProblem!["type"]!.GetValue<string>());

        var (current, currentETag) = await CampaignsApi.GetWithETagAsync(api, campaignId);
        Assert.Equal("Renamed", current["name"]!.GetValue<string>());
        Assert.Equal("\"2\"", currentETag);
    }

    [Fact]
    public async Task Postback_token_rotation_replaces_the_token()
    {
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var campaignId = await Bodies.CampaignAsync(api, Bodies.Campaign(await Bodies.AdvertiserAsync(api)));
        var (before, _) = await CampaignsApi.GetWithETagAsync(api, campaignId);
        var (status, rotated) = await api.PostAsync($"/api/campaigns/{campaignId}/postback-token/rotate");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("pbt_", rotated!["postbackToken"]!.GetValue<string>());
        Assert.NotEqual(before["postbackToken"]!.GetValue<string>(), rotated["postbackToken"]!.GetValue<string>());
    }
}
