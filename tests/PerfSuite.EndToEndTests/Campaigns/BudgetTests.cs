using PerfSuite.EndToEndTests.Support;
using PerfSuite.Testing;

namespace PerfSuite.EndToEndTests.Campaigns;

[Collection(SuiteCollection.Name)]
public sealed class BudgetTests(SuiteFixture suite)
{
    private const decimal Cpc = 0.50m;
    private const decimal TotalBudget = 5.00m;

    /// <summary>
    /// The overshoot bound of docs/campaigns.md for the suite's one Conversions replica: the click path reserves each click's
    /// cost in its ledger before billing it, so it never bills past the budget; Campaigns' pause then only makes it official.
    /// </summary>
    private const decimal OvershootBound = 0m;

    [Fact]
    public async Task A_cpc_campaign_clicked_past_its_budget_ends_paused_and_later_clicks_go_to_the_fallback_unbilled()
    {
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var affiliateId = await CampaignsApi.ApprovedAffiliateAsync(api);
        var campaignId = await Bodies.CampaignAsync(api, Bodies.Campaign(await Bodies.AdvertiserAsync(api), payoutModel: "cpc", amount: Cpc,
            budget: new { total = TotalBudget }, landingUrl: "https://shop.example/landing", fallbackUrl: "https://shop.example/fallback"));
        var code = (await CampaignsApi.LinkAsync(api, campaignId, affiliateId))["code"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/campaigns/{campaignId}/launch")).Status);

        using var clicker = new Clicker(suite);
        var visitor = 0;
        var first = await Eventually.Until(() => clicker.ClickAsync(code, $"visitor-{Interlocked.Increment(ref visitor)}"),
            c => c.Status == HttpStatusCode.Redirect && c.Location!.StartsWith("https://shop.example/landing"), TimeSpan.FromSeconds(30),
            "the click path knows the launched campaign");
        var clicks = new List<Guid> { first.ClickId!.Value };

        // Four times the clicks the budget pays for, ten in flight at a time.
        for (var wave = 0; wave < 4; wave++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => clicker.ClickAsync(code, $"visitor-{Interlocked.Increment(ref visitor)}")));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.Status));
            clicks.AddRange(answers.Select(a => a.ClickId!.Value));
        }

        var paused = await api.EventuallyAsync($"/api/campaigns/{campaignId}", c => c?["status"]?.GetValue<string>() == "paused", TimeSpan.FromSeconds(30));
        Assert.Equal("budget_exhausted", paused!["statusReason"]!.GetValue<string>());

        var billed = 0m;
        foreach (var clickId in clicks)
        {
            var (status, click) = await api.GetAsync($"/api/conversions/clicks/{clickId}");
            Assert.Equal(HttpStatusCode.OK, status);
            billed += click!["billable"]!.GetValue<bool>() ? click["spend"]!.GetValue<decimal>() : 0m;
        }
        Assert.InRange(billed, TotalBudget - Cpc + 0.01m, TotalBudget + OvershootBound);
        var spend = await api.EventuallyAsync($"/api/campaigns/{campaignId}", c => c?["spend"]?["total"]?.GetValue<decimal>() == billed);
        Assert.Equal(billed, spend!["spend"]!["total"]!.GetValue<decimal>());

        // Once the pause has reached the click path, clicks go to the fallback and cost nothing.
        var later = await Eventually.Until(() => clicker.ClickAsync(code, $"visitor-{Interlocked.Increment(ref visitor)}"),
            c => c.Location?.StartsWith("https://shop.example/fallback") == true, TimeSpan.FromSeconds(30), "a later click goes to the fallback");
        var (_, laterClick) = await api.GetAsync($"/api/conversions/clicks/{later.ClickId}");
        Assert.False(laterClick!["billable"]!.GetValue<bool>());
        Assert.Equal(0m, laterClick["spend"]!.GetValue<decimal>());

        var (resumeStatus, problem) = await api.PostAsync($"/api/campaigns/{campaignId}/resume");
        Assert.Equal(HttpStatusCode.Conflict, resumeStatus);
        Assert.EndsWith("budget-exhausted", problem!["type"]!.GetValue<string>());
    }
}
