using PerfSuite.EndToEndTests.Support;

namespace PerfSuite.EndToEndTests.Foundation;

[Collection(SuiteCollection.Name)]
public sealed class CampaignSliceTests(SuiteFixture suite)
{
    [Fact]
    public async Task A_launched_campaign_is_read_back_with_an_etag_and_reaches_reporting_with_zero_counts_and_null_ratios()
    {
        var tenant = await Api.CreateTenantAsync(suite);
        var api = tenant.Client;
        var advertiserId = await Bodies.AdvertiserAsync(api);
        var campaignId = await Bodies.CampaignAsync(api, Bodies.Campaign(advertiserId, budget: new { daily = 100m, total = 1000m }));

        var (launchStatus, launched) = await api.PostAsync($"/api/campaigns/{campaignId}/launch");
        Assert.Equal(HttpStatusCode.OK, launchStatus);
        Assert.Equal("active", launched!["status"]!.GetValue<string>());

        using var get = await api.SendRawAsync(HttpMethod.Get, $"/api/campaigns/{campaignId}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("\"2\"", get.Headers.ETag?.Tag);
        var campaign = JsonNode.Parse(await get.Content.ReadAsStringAsync())!;
        Assert.Equal("Spring sale", campaign["name"]!.GetValue<string>());
        Assert.Equal("cpa", campaign["payout"]!["model"]!.GetValue<string>());
        Assert.Equal(1000m, campaign["budget"]!["total"]!.GetValue<decimal>());
        Assert.Equal("last_touch", campaign["attribution"]!["model"]!.GetValue<string>());

        var (_, list) = await api.GetAsync("/api/campaigns");
        Assert.Contains(list!.AsArray(), c => c!["id"]!.GetValue<string>() == campaignId);

        var rows = await api.EventuallyAsync("/api/reports/kpis?groupBy=campaign",
            body => body is JsonArray a && a.Any(r => r!["key"]!.GetValue<string>() == campaignId));
        var row = rows!.AsArray().Single(r => r!["key"]!.GetValue<string>() == campaignId)!;
        foreach (var count in new[] { "impressions", "clicks", "leads", "sales", "conversions" })
            Assert.Equal(0, row[count]!.GetValue<long>());
        Assert.Equal(0m, row["spend"]!.GetValue<decimal>());
        foreach (var ratio in new[] { "ctr", "cvr", "cpc", "cpa", "cpl", "cpm", "roas", "epc" })
            Assert.Null(row[ratio]);
    }

    [Fact]
    public async Task Launching_twice_is_an_illegal_transition()
    {
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var campaignId = await Bodies.CampaignAsync(api, Bodies.Campaign(await Bodies.AdvertiserAsync(api)));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/campaigns/{campaignId}/launch")).Status);
        var (status, problem) = await api.PostAsync($"/api/campaigns/{campaignId}/launch");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.EndsWith("illegal-transition", problem!["type"]!.GetValue<string>());
    }
}
