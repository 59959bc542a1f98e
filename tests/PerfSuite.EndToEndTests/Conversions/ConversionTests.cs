using PerfSuite.EndToEndTests.Support;

namespace PerfSuite.EndToEndTests.Conversions;

[Collection(SuiteCollection.Name)]
public sealed class ConversionTests(SuiteFixture suite)
{
    [Fact]
    public async Task An_s2s_conversion_by_click_attributes_to_the_link_affiliate_and_a_repeated_order_id_is_a_duplicate()
    {
        var link = await ConversionsApi.LiveLinkAsync(suite, a => Bodies.Campaign(a, payoutModel: "cpa", amount: 20m));
        var api = link.Tenant.Client;
        await ConversionsApi.NoFastConversionRuleAsync(api);
        using var tracking = ConversionsApi.Tracking(suite);
        var click = await ConversionsApi.ClickAsync(tracking, link.Code, "vid=buyer-1");

        var (status, result) = await api.PostAsync("/api/conversions", new { clickId = click.ClickId, type = "sale", amount = 120.5m, currency = "USD", orderId = "order-1" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("attributed", result!["status"]!.GetValue<string>());
        Assert.True(result["payable"]!.GetValue<bool>());
        var credit = Assert.Single(result["credits"]!.AsArray())!;
        Assert.Equal(click.ClickId, credit["clickId"]!.GetValue<string>());
        Assert.Equal(link.AffiliateId, credit["affiliateId"]!.GetValue<string>());
        Assert.Equal(1m, credit["weight"]!.GetValue<decimal>());

        var (dupStatus, duplicate) = await api.PostAsync("/api/conversions", new { clickId = click.ClickId, type = "sale", amount = 999m, orderId = "order-1" });
        Assert.Equal(HttpStatusCode.OK, dupStatus);
        Assert.Equal("duplicate", duplicate!["status"]!.GetValue<string>());
        Assert.Equal(result["id"]!.GetValue<string>(), duplicate["id"]!.GetValue<string>());
        var (_, stored) = await api.GetAsync($"/api/conversions/{result["id"]}");
        Assert.Equal(120.5m, stored!["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Concurrent_conversions_committed_together_keep_each_order_id_and_idempotency_key_to_one_conversion()
    {
        var link = await ConversionsApi.LiveLinkAsync(suite, a => Bodies.Campaign(a, payoutModel: "cpa", amount: 20m));
        var api = link.Tenant.Client;
        await ConversionsApi.NoFastConversionRuleAsync(api);
        using var tracking = ConversionsApi.Tracking(suite);
        var click = await ConversionsApi.ClickAsync(tracking, link.Code, "vid=crowd");

        // Sent at once, so the group commit batches them together: 12 share an order id, 12 share an Idempotency-Key,
        // 12 are distinct orders.
        var sameOrder = Enumerable.Range(0, 12).Select(_ =>
            api.PostAsync("/api/conversions", new { clickId = click.ClickId, type = "sale", amount = 10m, currency = "USD", orderId = "shared-order" }));
        var sameKey = Enumerable.Range(0, 12).Select(_ => api.SendAsync(HttpMethod.Post, "/api/conversions",
            new { clickId = click.ClickId, type = "sale", amount = 11m, currency = "USD", orderId = "keyed-order" }, new Dictionary<string, string> { ["Idempotency-Key"] = "crowd-key" }));
        var distinct = Enumerable.Range(0, 12).Select(i =>
            api.PostAsync("/api/conversions", new { clickId = click.ClickId, type = "sale", amount = 12m, currency = "USD", orderId = $"own-order-{i}" }));
        var answers = await Task.WhenAll(sameOrder.Concat(sameKey).Concat(distinct));
        var (orderAnswers, keyAnswers, distinctAnswers) = (answers[..12], answers[12..24], answers[24..]);

        Assert.Single(orderAnswers, a => a.Status == HttpStatusCode.Created && a.Body!["status"]!.GetValue<string>() == "attributed");
        Assert.Equal(11, orderAnswers.Count(a => a.Status == HttpStatusCode.OK && a.Body!["status"]!.GetValue<string>() == "duplicate"));
        Assert.Single(orderAnswers.Select(a => a.Body!["id"]!.GetValue<string>()).Distinct());

        // An Idempotency-Key replays the first answer as it was.
        Assert.All(keyAnswers, a => Assert.Equal((HttpStatusCode.Created, "attributed"), (a.Status, a.Body!["status"]!.GetValue<string>())));
        Assert.Single(keyAnswers.Select(a => a.Body!["id"]!.GetValue<string>()).Distinct());

        Assert.All(distinctAnswers, a => Assert.Equal((HttpStatusCode.Created, "attributed"), (a.Status, a.Body!["status"]!.GetValue<string>())));
        Assert.Equal(12, distinctAnswers.Select(a => a.Body!["id"]!.GetValue<string>()).Distinct().Count());
        foreach (var a in distinctAnswers)
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/conversions/{a.Body!["id"]}")).Status);
    }

    [Fact]
    public async Task A_visitor_with_touches_from_two_affiliates_is_credited_to_both_under_a_linear_model()
    {
        var link = await ConversionsApi.LiveLinkAsync(suite, a => Bodies.Campaign(a, attribution: new { model = "linear", windowDays = 30 }));
        var api = link.Tenant.Client;
        await ConversionsApi.NoFastConversionRuleAsync(api);
        var secondAffiliate = await ConversionsApi.ApprovedAffiliateAsync(api, "Coupon Club");
        var secondCode = await ConversionsApi.LinkAsync(api, link.CampaignId, secondAffiliate);
        using var tracking = ConversionsApi.Tracking(suite);
        await Testing.Eventually.Until(() => ConversionsApi.ClickAsync(tracking, secondCode, "vid=probe"), c => c.Status == HttpStatusCode.Redirect);

        var first = await ConversionsApi.ClickAsync(tracking, link.Code, "vid=journey");
        var second = await ConversionsApi.ClickAsync(tracking, secondCode, "vid=journey");
        var (status, result) = await api.PostAsync("/api/conversions", new { visitorId = "journey", campaignId = link.CampaignId, type = "lead" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("attributed", result!["status"]!.GetValue<string>());
        var credits = result["credits"]!.AsArray().ToDictionary(c => c!["clickId"]!.GetValue<string>(), c => c!);
        Assert.Equal(0.5m, credits[first.ClickId!]["weight"]!.GetValue<decimal>());
        Assert.Equal(link.AffiliateId, credits[first.ClickId!]["affiliateId"]!.GetValue<string>());
        Assert.Equal(0.5m, credits[second.ClickId!]["weight"]!.GetValue<decimal>());
        Assert.Equal(secondAffiliate, credits[second.ClickId!]["affiliateId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pixel_conversion_is_authenticated_by_the_postback_token()
    {
        var link = await ConversionsApi.LiveLinkAsync(suite);
        var api = link.Tenant.Client;
        await ConversionsApi.NoFastConversionRuleAsync(api);
        var token = (await api.GetAsync($"/api/campaigns/{link.CampaignId}")).Body!["postbackToken"]!.GetValue<string>();
        using var tracking = ConversionsApi.Tracking(suite);
        var click = await ConversionsApi.ClickAsync(tracking, link.Code, "vid=pixel-visitor");

        using var bad = await tracking.GetAsync($"/p?click_id={click.ClickId}&type=lead&token=wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        using var noClick = await tracking.GetAsync($"/p?click_id={Guid.NewGuid()}&type=lead&token={token}");
        Assert.Equal(HttpStatusCode.Unauthorized, noClick.StatusCode);

        using var pixel = await tracking.GetAsync($"/p?click_id={click.ClickId}&type=lead&order_id=lead-7&token={Uri.EscapeDataString(token)}");
        Assert.Equal(HttpStatusCode.OK, pixel.StatusCode);
        Assert.Equal("image/gif", pixel.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attributed", pixel.Headers.GetValues("X-PerfSuite-Conversion-Status").Single());
        var id = pixel.Headers.GetValues("X-PerfSuite-Conversion-Id").Single();

        var (_, stored) = await api.GetAsync($"/api/conversions/{id}");
        Assert.Equal(link.AffiliateId, stored!["credits"]![0]!["affiliateId"]!.GetValue<string>());

        using var again = await tracking.GetAsync($"/p?click_id={click.ClickId}&type=lead&order_id=lead-7&token={Uri.EscapeDataString(token)}");
        Assert.Equal("duplicate", again.Headers.GetValues("X-PerfSuite-Conversion-Status").Single());
    }

    [Fact]
    public async Task A_conversion_for_another_tenants_click_is_rejected_without_revealing_it()
    {
        var link = await ConversionsApi.LiveLinkAsync(suite);
        using var tracking = ConversionsApi.Tracking(suite);
        var click = await ConversionsApi.ClickAsync(tracking, link.Code, "vid=victim");
        var intruder = await Api.CreateTenantAsync(suite);

        var (status, result) = await intruder.Client.PostAsync("/api/conversions", new { clickId = click.ClickId, type = "sale", amount = 10m });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("rejected", result!["status"]!.GetValue<string>());
        Assert.Equal("unknown_click", result["reason"]!.GetValue<string>());
        Assert.Empty(result["credits"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await link.Tenant.Client.GetAsync($"/api/conversions/{result["id"]}")).Status);
    }

    [Fact]
    public async Task Another_currency_needs_a_tenant_rate_and_is_converted_with_it()
    {
        var link = await ConversionsApi.LiveLinkAsync(suite);
        var api = link.Tenant.Client;
        await ConversionsApi.NoFastConversionRuleAsync(api);
        using var tracking = ConversionsApi.Tracking(suite);
        var click = await ConversionsApi.ClickAsync(tracking, link.Code, "vid=euro");

        var (_, rejected) = await api.PostAsync("/api/conversions", new { clickId = click.ClickId, type = "sale", amount = 80m, currency = "EUR", orderId = "eu-1" });
        Assert.Equal("rejected", rejected!["status"]!.GetValue<string>());
        Assert.Equal("no_fx_rate", rejected["reason"]!.GetValue<string>());

        var (ratesStatus, rates) = await api.SendAsync(HttpMethod.Put, "/api/fx-rates", new { @base = "USD", rates = new Dictionary<string, decimal> { ["EUR"] = 0.8m } });
        Assert.True(ratesStatus == HttpStatusCode.OK, $"PUT /api/fx-rates answered {ratesStatus}: {rates}");
        var (_, converted) = await api.PostAsync("/api/conversions", new { clickId = click.ClickId, type = "sale", amount = 80m, currency = "EUR", orderId = "eu-1" });
        Assert.Equal("attributed", converted!["status"]!.GetValue<string>());
        Assert.Equal(100m, converted["amount"]!.GetValue<decimal>());
        Assert.Equal("USD", converted["currency"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_reversal_reverses_once_and_an_idempotency_key_replays_the_first_answer()
    {
        var link = await ConversionsApi.LiveLinkAsync(suite);
        var api = link.Tenant.Client;
        await ConversionsApi.NoFastConversionRuleAsync(api);
        using var tracking = ConversionsApi.Tracking(suite);
        var click = await ConversionsApi.ClickAsync(tracking, link.Code, "vid=refund");
        var body = new { clickId = click.ClickId, type = "sale", amount = 50m };
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = $"k-{Guid.NewGuid()}" };

        var (firstStatus, first) = await api.SendAsync(HttpMethod.Post, "/api/conversions", body, key);
        var (replayStatus, replay) = await api.SendAsync(HttpMethod.Post, "/api/conversions", body, key);
        Assert.Equal(HttpStatusCode.Created, firstStatus);
        Assert.Equal(HttpStatusCode.Created, replayStatus);
        Assert.Equal(first!["id"]!.GetValue<string>(), replay!["id"]!.GetValue<string>());
        var (reusedStatus, _) = await api.SendAsync(HttpMethod.Post, "/api/conversions", body with { amount = 51m }, key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reusedStatus);

        var id = first["id"]!.GetValue<string>();
        var (reverseStatus, reversed) = await api.PostAsync($"/api/conversions/{id}/reverse", new { reason = "refund" });
        Assert.Equal(HttpStatusCode.OK, reverseStatus);
        Assert.Equal("reversed", reversed!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/conversions/{id}/reverse", new { reason = "refund" })).Status);
        var other = await Api.CreateTenantAsync(suite);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.PostAsync($"/api/conversions/{id}/reverse", new { reason = "x" })).Status);
    }

    [Fact]
    public async Task A_sale_of_a_customer_links_to_the_earlier_lead_for_cost_to_close()
    {
        var link = await ConversionsApi.LiveLinkAsync(suite);
        var api = link.Tenant.Client;
        await ConversionsApi.NoFastConversionRuleAsync(api);
        using var tracking = ConversionsApi.Tracking(suite);
        var click = await ConversionsApi.ClickAsync(tracking, link.Code, "vid=prospect");

        var (_, lead) = await api.PostAsync("/api/conversions", new { clickId = click.ClickId, type = "lead", customerId = "cust-42" });
        var (_, sale) = await api.PostAsync("/api/conversions", new { clickId = click.ClickId, type = "sale", amount = 900m, customerId = "cust-42", orderId = "crm-42" });
        Assert.Equal(lead!["id"]!.GetValue<string>(), sale!["leadConversionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_conversions_are_refused_naming_the_field()
    {
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var (status, problem) = await api.PostAsync("/api/conversions", new { type = "purchase", amount = -1m, currency = "EURO" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem!["errors"]!.AsObject();
        foreach (var field in new[] { "type", "amount", "currency", "clickId" }) Assert.True(errors.ContainsKey(field), field);

        var (badJson, jsonProblem) = await api.PostAsync("/api/conversions", "{\"clickId\": 5}");
        Assert.Equal(HttpStatusCode.BadRequest, badJson);
        Assert.True(jsonProblem!["errors"]!.AsObject().ContainsKey("clickId"));

        using var tracking = ConversionsApi.Tracking(suite);
        using var pixel = await tracking.GetAsync("/p?click_id=nope&type=lead&token=t");
        Assert.Equal(HttpStatusCode.BadRequest, pixel.StatusCode);
    }
}
