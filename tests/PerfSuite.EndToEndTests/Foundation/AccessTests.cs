using PerfSuite.EndToEndTests.Support;

namespace PerfSuite.EndToEndTests.Foundation;

[Collection(SuiteCollection.Name)]
public sealed class AccessTests(SuiteFixture suite)
{
    [Fact]
    public async Task Another_tenant_never_sees_a_campaign_in_reads_lists_or_reports()
    {
        var a = (await Api.CreateTenantAsync(suite, "Agency A")).Client;
        var b = (await Api.CreateTenantAsync(suite, "Agency B")).Client;
        var campaignId = await Bodies.CampaignAsync(a, Bodies.Campaign(await Bodies.AdvertiserAsync(a)));
        Assert.Equal(HttpStatusCode.OK, (await a.PostAsync($"/api/campaigns/{campaignId}/launch")).Status);
        await a.EventuallyAsync("/api/reports/kpis?groupBy=campaign", body => body is JsonArray { Count: 1 });

        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/campaigns/{campaignId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync($"/api/campaigns/{campaignId}/launch")).Status);
        Assert.Empty((await b.GetAsync("/api/campaigns")).Body!.AsArray());
        Assert.Empty((await b.GetAsync("/api/advertisers")).Body!.AsArray());
        Assert.Empty((await b.GetAsync("/api/reports/kpis?groupBy=campaign")).Body!.AsArray());
        Assert.Empty((await b.GetAsync($"/api/reports/kpis?groupBy=campaign&campaignId={campaignId}")).Body!.AsArray());
    }

    [Fact]
    public async Task A_request_without_a_key_or_with_an_unknown_key_is_refused_with_401_problem_details()
    {
        var anonymous = new Api(suite.Gateway, null);
        using var response = await anonymous.SendRawAsync(HttpMethod.Get, "/api/campaigns");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var unknown = new Api(suite.Gateway, "psk_not-a-real-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await unknown.GetAsync("/api/campaigns")).Status);
    }

    [Fact]
    public async Task A_revoked_key_is_refused()
    {
        var tenant = await Api.CreateTenantAsync(suite);
        var (status, created) = await tenant.Client.PostAsync("/api/keys", new { role = "analyst" });
        Assert.Equal(HttpStatusCode.Created, status);
        var analyst = tenant.Client.WithKey(created!["apiKey"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/campaigns")).Status);

        var (_, keys) = await tenant.Client.GetAsync("/api/keys");
        Assert.Equal(2, keys!.AsArray().Count);
        Assert.DoesNotContain("apiKey", keys.ToJsonString());

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Client.SendAsync(HttpMethod.Delete, $"/api/keys/{created["id"]}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await analyst.GetAsync("/api/campaigns")).Status);
    }

    [Fact]
    public async Task Forged_identity_headers_from_outside_are_stripped_and_give_no_access()
    {
        var victim = await Api.CreateTenantAsync(suite, "Victim");
        var campaignId = await Bodies.CampaignAsync(victim.Client, Bodies.Campaign(await Bodies.AdvertiserAsync(victim.Client)));
        var attacker = await Api.CreateTenantAsync(suite, "Attacker");
        var forged = new Dictionary<string, string>
        {
            ["X-PerfSuite-Tenant"] = victim.TenantId,
            ["X-PerfSuite-Role"] = "admin",
            ["X-PerfSuite-Issued-At"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(),
            ["X-PerfSuite-Signature"] = "Zm9yZ2Vk",
        };

        Assert.Equal(HttpStatusCode.Unauthorized, (await new Api(suite.Gateway, null).SendAsync(HttpMethod.Get, "/api/campaigns", headers: forged)).Status);
        var (status, _) = await attacker.Client.SendAsync(HttpMethod.Get, $"/api/campaigns/{campaignId}", headers: forged);
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task A_service_called_directly_without_the_gateway_answers_401()
    {
        var tenant = await Api.CreateTenantAsync(suite);
        foreach (var service in new[] { "campaigns", "reporting", "conversions", "affiliates" })
        {
            var direct = suite.Direct(service);
            using var plain = await direct.GetAsync(service == "reporting" ? "/api/reports/kpis" : "/api/campaigns");
            Assert.Equal(HttpStatusCode.Unauthorized, plain.StatusCode);

            using var forgedRequest = new HttpRequestMessage(HttpMethod.Get, "/api/campaigns");
            forgedRequest.Headers.Add("X-PerfSuite-Tenant", tenant.TenantId);
            forgedRequest.Headers.Add("X-PerfSuite-Role", "admin");
            forgedRequest.Headers.Add("X-PerfSuite-Issued-At", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString());
            forgedRequest.Headers.Add("X-PerfSuite-Signature", "Zm9yZ2Vk");
            using var forged = await direct.SendAsync(forgedRequest);
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }
    }

    [Fact]
    public async Task Roles_are_enforced_analysts_read_but_do_not_write_and_the_operator_key_is_not_a_tenant_key()
    {
        var tenant = await Api.CreateTenantAsync(suite);
        var (_, created) = await tenant.Client.PostAsync("/api/keys", new { role = "analyst" });
        var analyst = tenant.Client.WithKey(created!["apiKey"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/campaigns")).Status);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/reports/kpis")).Status);
        var (status, problem) = await analyst.PostAsync("/api/advertisers", new { name = "Nope" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.EndsWith("forbidden", problem!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync("/api/keys", new { role = "admin" })).Status);

        var op = new Api(suite.Gateway, suite.OperatorKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync("/api/campaigns")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Client.PostAsync("/api/admin/tenants", new { name = "x", currency = "USD", timeZone = "UTC" })).Status);
    }

    [Fact]
    public async Task A_key_that_sends_too_many_requests_gets_429_with_retry_after()
    {
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var responses = await Task.WhenAll(Enumerable.Range(0, 600).Select(_ => api.SendRawAsync(HttpMethod.Get, "/api/keys")));
        try
        {
            var limited = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
            Assert.NotNull(limited);
            Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            foreach (var r in responses) r.Dispose();
        }
    }
}
