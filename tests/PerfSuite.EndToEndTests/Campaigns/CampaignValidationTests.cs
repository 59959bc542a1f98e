using PerfSuite.EndToEndTests.Support;

namespace PerfSuite.EndToEndTests.Campaigns;

[Collection(SuiteCollection.Name)]
public sealed class CampaignValidationTests(SuiteFixture suite)
{
    [Fact]
    public async Task Invalid_bodies_and_transitions_answer_4xx_problems_naming_the_problem_and_change_nothing()
    {
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var campaignId = await Bodies.CampaignAsync(api, Bodies.Campaign(await Bodies.AdvertiserAsync(api)));
        var (_, etag) = await CampaignsApi.GetWithETagAsync(api, campaignId);

        async Task ExpectField(HttpStatusCode expected, (HttpStatusCode Status, JsonNode? Body) answer, string field)
        {
            Assert.True(answer.Status == expected, $"expected {expected} naming {field}, got {answer.Status}: {answer.Body}");
            Assert.NotNull(answer.Body!["errors"]![field]);
            await Task.CompletedTask;
        }

        await ExpectField(HttpStatusCode.BadRequest, await CampaignsApi.PatchAsync(api, campaignId, new { currency = "EUR" }, etag), "currency");
        await ExpectField(HttpStatusCode.BadRequest, await CampaignsApi.PatchAsync(api, campaignId, new { payout = new { model = "revshare" } }, etag), "payout.percent");
        await ExpectField(HttpStatusCode.BadRequest, await CampaignsApi.PatchAsync(api, campaignId, new { budget = new { daily = 100, total = 10 } }, etag), "budget.daily");
        await ExpectField(HttpStatusCode.BadRequest, await CampaignsApi.PatchAsync(api, campaignId, new { controlWeight = -5 }, etag), "controlWeight");
        await ExpectField(HttpStatusCode.BadRequest, await CampaignsApi.PatchAsync(api, campaignId, """{"holdoutPercent": "lots"}""", etag), "holdoutPercent");
        await ExpectField(HttpStatusCode.BadRequest, await api.PostAsync($"/api/campaigns/{campaignId}/variants", new { name = "B", landingUrl = "nope", weight = 0 }), "landingUrl");
        await ExpectField(HttpStatusCode.BadRequest, await api.PostAsync($"/api/campaigns/{campaignId}/variants", new { name = "B", landingUrl = "https://b.example" }), "weight");
        await ExpectField(HttpStatusCode.BadRequest, await api.PostAsync($"/api/campaigns/{campaignId}/links", new { }), "affiliateId");
        await ExpectField(HttpStatusCode.BadRequest, await api.PostAsync($"/api/campaigns/{campaignId}/links", new { affiliateId = Guid.NewGuid(), subIds = new { sub7 = "x" } }), "subIds.sub7");
        await ExpectField(HttpStatusCode.BadRequest, await api.PostAsync($"/api/campaigns/{campaignId}/links", new { affiliateId = Guid.NewGuid() }), "affiliateId");

        foreach (var action in new[] { "pause", "resume" })
        {
            var (status, problem) = await api.PostAsync($"/api/campaigns/{campaignId}/{action}");
            Assert.Equal(HttpStatusCode.Conflict, status);
            Assert.EndsWith("illegal-transition", problem!["type"]!.GetValue<string>());
            Assert.Contains("draft", problem["detail"]!.GetValue<string>());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Patch, $"/api/campaigns/{campaignId}/variants/{Guid.NewGuid()}", new { paused = true })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/campaigns/{Guid.NewGuid()}/launch")).Status);

        var (after, afterETag) = await CampaignsApi.GetWithETagAsync(api, campaignId);
        Assert.Equal(etag, afterETag);
        Assert.Equal("draft", after["status"]!.GetValue<string>());
        Assert.Empty(after["variants"]!.AsArray());
        Assert.Empty(after["links"]!.AsArray());
        Assert.Equal("USD", after["currency"]!.GetValue<string>());
    }
}
