using PerfSuite.EndToEndTests.Support;

namespace PerfSuite.EndToEndTests.Foundation;

[Collection(SuiteCollection.Name)]
public sealed class ValidationTests(SuiteFixture suite)
{
    public static TheoryData<string, string> InvalidCampaigns => new()
    {
        // body (advertiserId is filled in), field that must be named
        { """{"name":"x","channel":"search","currency":"USD","landingUrl":"https://a.example","payout":{"model":"cpc","amount":1}}""", "advertiserId" },
        { """{"advertiserId":"$ADV","channel":"search","currency":"USD","landingUrl":"https://a.example","payout":{"model":"cpc","amount":1}}""", "name" },
        { """{"advertiserId":"$ADV","name":"x","channel":"search","currency":"USD","landingUrl":"https://a.example","payout":{"model":"cpc","amount":1},"budget":{"total":-5}}""", "budget.total" },
        { """{"advertiserId":"$ADV","name":"x","channel":"search","currency":"USD","landingUrl":"https://a.example","payout":{"model":"per_smile","amount":1}}""", "payout.model" },
        { """{"advertiserId":"$ADV","name":"x","channel":"search","currency":"USD","landingUrl":"not a url","payout":{"model":"cpc","amount":1}}""", "landingUrl" },
        { """{"advertiserId":"$ADV","name":"x","channel":"search","currency":"DOLLARS","landingUrl":"https://a.example","payout":{"model":"cpc","amount":1}}""", "currency" },
        { """{"advertiserId":"$ADV","name":"x","channel":"tv","currency":"USD","landingUrl":"https://a.example","payout":{"model":"cpc","amount":1}}""", "channel" },
        { """{"advertiserId":"$ADV","name":"x","channel":"search","currency":"USD","landingUrl":"https://a.example"}""", "payout" },
        { """{"advertiserId":"$ADV","name":"x","channel":"search","currency":"USD","landingUrl":"https://a.example","payout":{"model":"cpc","amount":"lots"}}""", "payout.amount" },
        { """{"advertiserId":"$ADV","name":"x","channel":"search","currency":"USD","landingUrl":"https://a.example","payout":{"model":"cpc","amount":1},"attribution":{"model":"time_decay","windowDays":0}}""", "attribution.windowDays" },
        { """{"advertiserId":"00000000-0000-0000-0000-000000000001","name":"x","channel":"search","currency":"USD","landingUrl":"https://a.example","payout":{"model":"cpc","amount":1}}""", "advertiserId" },
        { """{"advertiserId":"$ADV","name":"x",""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidCampaigns))]
    public async Task An_invalid_campaign_answers_400_problem_details_naming_the_field_and_stores_nothing(string body, string field)
    {
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var advertiserId = await Bodies.AdvertiserAsync(api);

        using var response = await api.SendRawAsync(HttpMethod.Post, "/api/campaigns", body.Replace("$ADV", advertiserId));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.NotNull(problem["errors"]?[field]);

        var (_, list) = await api.GetAsync("/api/campaigns");
        Assert.Empty(list!.AsArray());
    }

    [Fact]
    public async Task An_advertiser_without_a_name_is_refused()
    {
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var (status, problem) = await api.PostAsync("/api/advertisers", new { website = "https://x.example" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem!["errors"]!["name"]);
        Assert.Empty((await api.GetAsync("/api/advertisers")).Body!.AsArray());
    }

    [Fact]
    public async Task A_tenant_with_an_unknown_time_zone_is_refused()
    {
        var op = new Api(suite.Gateway, suite.OperatorKey);
        var (status, problem) = await op.PostAsync("/api/admin/tenants", new { name = "x", currency = "USD", timeZone = "Mars/Olympus" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem!["errors"]!["timeZone"]);
    }
}
