using PerfSuite.EndToEndTests.Support;

namespace PerfSuite.EndToEndTests.Campaigns;

[Collection(SuiteCollection.Name)]
public sealed class CampaignAccessTests(SuiteFixture suite)
{
    [Fact]
    public async Task An_affiliate_key_cannot_create_or_change_campaigns_and_lists_only_its_own_links()
    {
        var tenant = await Api.CreateTenantAsync(suite);
        var admin = tenant.Client;
        var advertiserId = await Bodies.AdvertiserAsync(admin);
        var campaignId = await Bodies.CampaignAsync(admin, Bodies.Campaign(advertiserId));
        var mine = await CampaignsApi.ApprovedAffiliateAsync(admin, "Mine");
        var other = await CampaignsApi.ApprovedAffiliateAsync(admin, "Other");
        var myLink = await CampaignsApi.LinkAsync(admin, campaignId, mine);
        await CampaignsApi.LinkAsync(admin, campaignId, other);
        var affiliate = await CampaignsApi.AffiliateKeyAsync(admin, mine);

        Assert.Equal(HttpStatusCode.Forbidden, (await affiliate.PostAsync("/api/campaigns", Bodies.Campaign(advertiserId))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await CampaignsApi.PatchAsync(affiliate, campaignId, new { name = "Mine now" }, "\"1\"")).Status);
        foreach (var action in new[] { "launch", "pause", "resume", "end", "postback-token/rotate" })
            Assert.Equal(HttpStatusCode.Forbidden, (await affiliate.PostAsync($"/api/campaigns/{campaignId}/{action}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await affiliate.PostAsync($"/api/campaigns/{campaignId}/variants", new { name = "X", landingUrl = "https://x.example", weight = 1 })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await affiliate.PostAsync($"/api/campaigns/{campaignId}/links", new { affiliateId = mine })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await affiliate.GetAsync($"/api/campaigns/{campaignId}")).Status);

        var (status, links) = await affiliate.GetAsync("/api/me/links");
        Assert.Equal(HttpStatusCode.OK, status);
        var only = Assert.Single(links!.AsArray())!;
        Assert.Equal(myLink["code"]!.GetValue<string>(), only["code"]!.GetValue<string>());
        Assert.Equal(myLink["url"]!.GetValue<string>(), only["url"]!.GetValue<string>());
        Assert.Equal("Spring sale", only["campaignName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/me/links")).Status);

        var (_, campaign) = await admin.GetAsync($"/api/campaigns/{campaignId}");
        Assert.Equal("Spring sale", campaign!["name"]!.GetValue<string>());
        Assert.Equal(3, campaign["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Another_tenant_cannot_read_change_link_or_launch_a_campaign()
    {
        var owner = (await Api.CreateTenantAsync(suite, "Owner")).Client;
        var campaignId = await Bodies.CampaignAsync(owner, Bodies.Campaign(await Bodies.AdvertiserAsync(owner)));
        var stranger = (await Api.CreateTenantAsync(suite, "Stranger")).Client;
        var strangersAffiliate = await CampaignsApi.ApprovedAffiliateAsync(stranger);
        await CampaignsApi.LinkAsync(stranger, await Bodies.CampaignAsync(stranger, Bodies.Campaign(await Bodies.AdvertiserAsync(stranger))), strangersAffiliate);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/campaigns/{campaignId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/campaigns/{campaignId}/links", new { affiliateId = strangersAffiliate })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await CampaignsApi.PatchAsync(stranger, campaignId, new { name = "Mine" }, "\"1\"")).Status);
        foreach (var action in new[] { "launch", "pause", "resume", "end", "postback-token/rotate" })
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/campaigns/{campaignId}/{action}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/campaigns/{campaignId}/variants", new { name = "X", landingUrl = "https://x.example", weight = 1 })).Status);

        // The owner cannot link the stranger's affiliate either: it is not an affiliate of the owner's agency.
        var (status, problem) = await owner.PostAsync($"/api/campaigns/{campaignId}/links", new { affiliateId = strangersAffiliate });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem!["errors"]!["affiliateId"]);

        var (_, campaign) = await owner.GetAsync($"/api/campaigns/{campaignId}");
        Assert.Equal("draft", campaign!["status"]!.GetValue<string>());
        Assert.Equal(1, campaign["version"]!.GetValue<long>());
        Assert.Empty(campaign["links"]!.AsArray());
    }
}
