using PerfSuite.EndToEndTests.Support;
using StandardWebhooks;

namespace PerfSuite.EndToEndTests.Affiliates;

[Collection(SuiteCollection.Name)]
public sealed class CommissionWebhookTests(SuiteFixture suite)
{
    private static string Status(JsonNode c) => c["status"]!.GetValue<string>();

    [Fact]
    public async Task A_conversion_produces_a_verified_commission_created_webhook_and_approve_pay_reverse_follow_in_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var flow = new LedgerFlow(suite, api);
        var affiliateId = await WebhookApi.ApprovedAffiliateAsync(api);
        var secret = await WebhookApi.SubscribeAsync(api, affiliateId, receiver.Url);
        var campaignId = await flow.LaunchedCampaignAsync(new { model = "cpa", amount = 10m, percent = 10m, holdDays = 30 });
        var code = await flow.LinkAsync(campaignId, affiliateId);
        var clickId = await flow.ClickAsync(code, "visitor-1");

        var conversion = await flow.ConvertAsync(clickId, 120m);
        var converted = DateTimeOffset.UtcNow;
        var created = (await receiver.WaitForAsync(r => r.Count >= 1, TimeSpan.FromSeconds(10)))[0];
        Assert.True(created.At - converted < TimeSpan.FromSeconds(1), $"commission.created arrived {(created.At - converted).TotalMilliseconds:0} ms after the conversion");
        new StandardWebhook(secret).Verify(created.Body, created.Headers);
        Assert.Equal("commission.created", created.Type);
        var data = created.Json["data"]!;
        Assert.Equal(22m, data["amount"]!.GetValue<decimal>()); // hybrid: 10 + 10% of 120
        Assert.Equal("USD", data["currency"]!.GetValue<string>());
        Assert.Equal("pending", data["status"]!.GetValue<string>());
        Assert.Equal(conversion["id"]!.GetValue<string>(), data["conversionId"]!.GetValue<string>());
        var commissionId = data["commissionId"]!.GetValue<string>();

        var (approveStatus, approved) = await api.PostAsync($"/api/commissions/{commissionId}/approve");
        Assert.Equal(HttpStatusCode.OK, approveStatus);
        Assert.Equal("approved", Status(approved!));

        var (payStatus, payouts) = await api.PostAsync("/api/payouts", new { affiliateId });
        Assert.Equal(HttpStatusCode.Created, payStatus);
        var payout = Assert.Single(payouts!.AsArray())!;
        Assert.Equal(22m, payout["amount"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync("/api/payouts", new { affiliateId })).Status);

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/conversions/{conversion["id"]}/reverse", new { reason = "chargeback" })).Status);
        var all = await receiver.WaitForAsync(r => r.Count >= 6, TimeSpan.FromSeconds(20));
        Assert.Equal(["commission.created", "commission.approved", "commission.paid", "payout.created", "commission.reversed", "commission.created"],
            all.Select(r => r.Type));
        Assert.All(all, r => new StandardWebhook(secret).Verify(r.Body, r.Headers));
        var clawback = all[5].Json["data"]!;
        Assert.Equal("clawback", clawback["kind"]!.GetValue<string>());
        Assert.Equal(-22m, clawback["amount"]!.GetValue<decimal>());
        Assert.Equal(commissionId, clawback["clawbackOf"]!.GetValue<string>());

        // The next payout nets the clawback off: 28 earned (10 + 10% of 180) - 22 clawed back.
        var second = await flow.ConvertAsync(await flow.ClickAsync(code, "visitor-2"), 180m);
        var commissions = await flow.CommissionsAsync(affiliateId, a => a.Count == 3);
        var secondId = commissions!.AsArray().Single(c => c!["conversionId"]?.GetValue<string>() == second["id"]!.GetValue<string>())!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/commissions/{secondId}/approve")).Status);
        var (_, netted) = await api.PostAsync("/api/payouts", new { affiliateId });
        var nettedPayout = Assert.Single(netted!.AsArray())!;
        Assert.Equal(6m, nettedPayout["amount"]!.GetValue<decimal>());
        Assert.Equal(2, nettedPayout["commissions"]!.GetValue<int>());

        using var csvResponse = await api.SendRawAsync(HttpMethod.Get, $"/api/payouts/{payout["id"]}", headers: new Dictionary<string, string> { ["Accept"] = "text/csv" });
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csv = (await csvResponse.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("payoutId,affiliateId,commissionId", csv[0]);
        Assert.Contains($"{commissionId},{campaignId}", csv[1]);
        Assert.Contains(",cpa,", csv[1]);
        Assert.EndsWith(",22.00,USD", csv[1]);
        Assert.Equal(2, csv.Length);
    }

    [Fact]
    public async Task Three_affiliates_credited_linearly_share_ten_dollars_exactly_and_the_hold_period_ending_approves_them()
    {
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var flow = new LedgerFlow(suite, api);
        var campaignId = await flow.LaunchedCampaignAsync(new { model = "cpa", amount = 10m, holdDays = 0 }, new { model = "linear", windowDays = 30 });
        var affiliates = new List<string>();
        string? lastClick = null;
        foreach (var name in new[] { "First", "Second", "Third" })
        {
            var affiliateId = await WebhookApi.ApprovedAffiliateAsync(api, name);
            affiliates.Add(affiliateId);
            lastClick = await flow.ClickAsync(await flow.LinkAsync(campaignId, affiliateId), "shared-visitor");
        }

        var conversion = await flow.ConvertAsync(lastClick!, 99m);
        Assert.Equal(3, conversion["credits"]!.AsArray().Count);

        var all = await api.EventuallyAsync("/api/commissions", b => b is JsonArray { Count: 3 } a && a.All(c => Status(c!) == "approved"));
        var amounts = all!.AsArray().Select(c => c!["amount"]!.GetValue<decimal>()).ToList();
        Assert.Equal(10.00m, amounts.Sum());
        Assert.All(amounts, a => Assert.InRange(a, 3.33m, 3.34m));
        Assert.Equal(affiliates.Order(), all.AsArray().Select(c => c!["affiliateId"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task A_reversal_before_payment_reverses_the_commission_and_a_duplicate_order_earns_nothing_twice()
    {
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var flow = new LedgerFlow(suite, api);
        var affiliateId = await WebhookApi.ApprovedAffiliateAsync(api);
        var campaignId = await flow.LaunchedCampaignAsync(new { model = "revshare", percent = 12.5m, holdDays = 30 });
        var clickId = await flow.ClickAsync(await flow.LinkAsync(campaignId, affiliateId), "visitor-r");
        var (status, conversion) = await api.PostAsync("/api/conversions", new { clickId, type = "sale", amount = 79.99m, currency = "USD", orderId = "order-77" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/conversions", new { clickId, type = "sale", amount = 79.99m, currency = "USD", orderId = "order-77" })).Status);

        var pending = await flow.CommissionsAsync(affiliateId, a => a.Count == 1);
        Assert.Equal(10.00m, pending!.AsArray()[0]!["amount"]!.GetValue<decimal>());
        Assert.Equal("revshare", pending.AsArray()[0]!["kind"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/conversions/{conversion!["id"]}/reverse", new { reason = "refund" })).Status);
        var reversed = await flow.CommissionsAsync(affiliateId, a => a.Count == 1 && Status(a[0]!) == "reversed");
        Assert.Equal("refund", reversed!.AsArray()[0]!["reversalReason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/commissions/{reversed.AsArray()[0]!["id"]}/approve")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync("/api/payouts", new { affiliateId })).Status);
    }

    [Fact]
    public async Task An_affiliate_key_sees_only_its_own_commissions_and_payouts_and_another_tenant_sees_nothing()
    {
        var tenant = await Api.CreateTenantAsync(suite);
        var api = tenant.Client;
        var flow = new LedgerFlow(suite, api);
        var campaignId = await flow.LaunchedCampaignAsync(new { model = "cpl", amount = 4.5m });
        var mine = await WebhookApi.ApprovedAffiliateAsync(api, "Mine");
        var theirs = await WebhookApi.ApprovedAffiliateAsync(api, "Theirs");
        await flow.ConvertAsync(await flow.ClickAsync(await flow.LinkAsync(campaignId, mine), "v-mine"), 0m, type: "lead");
        await flow.ConvertAsync(await flow.ClickAsync(await flow.LinkAsync(campaignId, theirs), "v-theirs"), 0m, type: "lead");
        var all = await api.EventuallyAsync("/api/commissions", b => b is JsonArray { Count: 2 });

        var (keyStatus, key) = await api.PostAsync("/api/keys", new { role = "affiliate", affiliateId = mine });
        Assert.Equal(HttpStatusCode.Created, keyStatus);
        var affiliate = api.WithKey(key!["apiKey"]!.GetValue<string>());
        var (_, own) = await affiliate.GetAsync("/api/me/commissions");
        var only = Assert.Single(own!.AsArray())!;
        Assert.Equal(mine, only["affiliateId"]!.GetValue<string>());
        Assert.Equal(4.5m, only["amount"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.Forbidden, (await affiliate.GetAsync("/api/commissions")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await affiliate.GetAsync($"/api/commissions?affiliateId={theirs}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await affiliate.GetAsync("/api/webhook-deliveries")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await affiliate.PostAsync("/api/payouts", new { affiliateId = mine })).Status);
        Assert.Empty((await affiliate.GetAsync("/api/me/payouts")).Body!.AsArray());

        var other = (await Api.CreateTenantAsync(suite, "Other agency")).Client;
        Assert.Empty((await other.GetAsync("/api/commissions")).Body!.AsArray());
        Assert.Empty((await other.GetAsync($"/api/commissions?affiliateId={mine}")).Body!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/commissions/{all!.AsArray()[0]!["id"]}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/commissions/{all.AsArray()[0]!["id"]}/approve")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync("/api/payouts", new { affiliateId = mine })).Status);
        Assert.Empty((await other.GetAsync("/api/payouts")).Body!.AsArray());
    }
}
