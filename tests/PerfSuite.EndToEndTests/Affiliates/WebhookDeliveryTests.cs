using Microsoft.AspNetCore.Http;
using PerfSuite.EndToEndTests.Support;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace PerfSuite.EndToEndTests.Affiliates;

[Collection(SuiteCollection.Name)]
public sealed class WebhookDeliveryTests(SuiteFixture suite)
{
    [Fact]
    public async Task A_test_webhook_is_verified_by_a_Standard_Webhooks_library_and_a_changed_timestamp_is_detected()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var affiliateId = await WebhookApi.ApprovedAffiliateAsync(api);
        var secret = await WebhookApi.SubscribeAsync(api, affiliateId, receiver.Url);

        var deliveryId = await WebhookApi.SendTestAsync(api, affiliateId);
        var received = (await receiver.WaitForAsync(r => r.Count == 1)).Single();

        Assert.Equal(deliveryId, received.Id);
        new StandardWebhook(secret).Verify(received.Body, received.Headers);
        Assert.Equal("webhook.test", received.Type);
        Assert.Equal(affiliateId, received.Json["data"]!["affiliateId"]!.GetValue<string>());
        Assert.NotNull(received.Json["timestamp"]);
        Assert.InRange(long.Parse(received.Timestamp), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);

        // A replay with another (older) timestamp fails: the timestamp is inside the signature.
        var replayed = new HeaderDictionary(received.Headers.ToDictionary(h => h.Key, h => h.Value))
        {
            ["webhook-timestamp"] = (long.Parse(received.Timestamp) - 600).ToString(),
        };
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(secret).Verify(received.Body, replayed));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(secret).Verify(received.Body.Replace("test", "tesT"), received.Headers));

        await WebhookApi.DeliveryAsync(api, deliveryId, d => d["status"]!.GetValue<string>() == "succeeded");
    }

    [Fact]
    public async Task After_a_secret_rotation_the_old_and_the_new_secret_both_sign_until_the_grace_period_ends()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var affiliateId = await WebhookApi.ApprovedAffiliateAsync(api);
        var oldSecret = await WebhookApi.SubscribeAsync(api, affiliateId, receiver.Url);

        var (status, rotated) = await api.PostAsync($"/api/affiliates/{affiliateId}/webhook/rotate-secret");
        Assert.Equal(HttpStatusCode.OK, status);
        var newSecret = rotated!["secret"]!.GetValue<string>();
        Assert.NotEqual(oldSecret, newSecret);
        Assert.Equal(2, rotated["endpoint"]!["activeSecrets"]!.GetValue<int>());

        await WebhookApi.SendTestAsync(api, affiliateId);
        var received = (await receiver.WaitForAsync(r => r.Count == 1)).Single();
        var signatures = received.Signature.Split(' ');
        Assert.Equal(2, signatures.Length);
        new StandardWebhook(newSecret).Verify(received.Body, received.Headers);
        // StandardWebhooks 1.1.2 only ever compares the first signature of a multi-signature header (its loop stops
        // before the last one), so the old secret's signature is verified on its own.
        var withOldSignatureOnly = new HeaderDictionary(received.Headers.ToDictionary(h => h.Key, h => h.Value))
        {
            ["webhook-signature"] = signatures[1],
        };
        new StandardWebhook(oldSecret).Verify(received.Body, withOldSignatureOnly);
        var stranger = "whsec_" + Convert.ToBase64String(new byte[32]);
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(stranger).Verify(received.Body, received.Headers));
    }

    [Fact]
    public async Task A_receiver_failing_three_times_then_succeeding_gets_the_event_once_as_a_success_with_four_attempts_logged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => n <= 3 ? 500 : 200;
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var affiliateId = await WebhookApi.ApprovedAffiliateAsync(api);
        await WebhookApi.SubscribeAsync(api, affiliateId, receiver.Url);

        var deliveryId = await WebhookApi.SendTestAsync(api, affiliateId);
        var delivery = await WebhookApi.DeliveryAsync(api, deliveryId, d => d["status"]!.GetValue<string>() == "succeeded");

        var attempts = delivery!["attempts"]!.AsArray();
        Assert.Equal([500, 500, 500, 200], attempts.Select(a => a!["statusCode"]!.GetValue<int>()));
        Assert.Equal([1, 2, 3, 4], attempts.Select(a => a!["number"]!.GetValue<int>()));
        Assert.All(attempts, a => Assert.True(a!["latencyMs"]!.GetValue<long>() >= 0));
        Assert.Equal("answered 500", attempts[0]!["responseExcerpt"]!.GetValue<string>());
        Assert.Single(receiver.Received, r => r.AnsweredWith == 200);
        Assert.All(receiver.Received, r => Assert.Equal(deliveryId, r.Id));

        var (_, log) = await api.GetAsync($"/api/webhook-deliveries?affiliateId={affiliateId}&status=succeeded");
        Assert.Equal(deliveryId, Assert.Single(log!.AsArray())!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_dead_lettered_delivery_is_redelivered_by_the_operator_one_or_all_at_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 500;
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var affiliateId = await WebhookApi.ApprovedAffiliateAsync(api);
        await WebhookApi.SubscribeAsync(api, affiliateId, receiver.Url);

        var first = await WebhookApi.SendTestAsync(api, affiliateId);
        var dead = await WebhookApi.DeliveryAsync(api, first, d => d["status"]!.GetValue<string>() == "dead_lettered");
        Assert.Equal(5, dead!["attempts"]!.AsArray().Count);
        Assert.Equal("HTTP 500", dead["lastError"]!.GetValue<string>());

        receiver.Answer = _ => 200;
        var (status, _) = await api.PostAsync($"/api/webhook-deliveries/{first}/redeliver");
        Assert.Equal(HttpStatusCode.Accepted, status);
        var redelivered = await WebhookApi.DeliveryAsync(api, first, d => d["status"]!.GetValue<string>() == "succeeded");
        Assert.Equal(6, redelivered!["attempts"]!.AsArray().Count);

        receiver.Answer = _ => 503;
        var second = await WebhookApi.SendTestAsync(api, affiliateId);
        await WebhookApi.DeliveryAsync(api, second, d => d["status"]!.GetValue<string>() == "dead_lettered");
        receiver.Answer = _ => 200;
        var (allStatus, all) = await api.PostAsync("/api/webhook-deliveries/redeliver", new { status = "dead_lettered" });
        Assert.Equal(HttpStatusCode.Accepted, allStatus);
        Assert.Equal(1, all!["redelivered"]!.GetValue<int>());
        await WebhookApi.DeliveryAsync(api, second, d => d["status"]!.GetValue<string>() == "succeeded");

        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/api/webhook-deliveries/redeliver", new { status = "succeeded" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/webhook-deliveries?status=lost")).Status);
    }

    [Fact]
    public async Task After_consecutive_failures_the_endpoint_is_disabled_with_the_reason_and_re_enabling_replays_what_was_missed_in_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 500;
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var affiliateId = await WebhookApi.ApprovedAffiliateAsync(api);
        await WebhookApi.SubscribeAsync(api, affiliateId, receiver.Url);

        // 5 attempts dead-letter the first; 2 more make 7 consecutive failures, which disables the endpoint (test configuration).
        var first = await WebhookApi.SendTestAsync(api, affiliateId);
        await WebhookApi.DeliveryAsync(api, first, d => d["status"]!.GetValue<string>() == "dead_lettered");
        var second = await WebhookApi.SendTestAsync(api, affiliateId);
        var endpoint = await api.EventuallyAsync($"/api/affiliates/{affiliateId}/webhook", e => e!["enabled"]!.GetValue<bool>() == false);
        Assert.Contains("7 consecutive failed attempts", endpoint!["disabledReason"]!.GetValue<string>());
        Assert.Contains("HTTP 500", endpoint["disabledReason"]!.GetValue<string>());

        var third = await WebhookApi.SendTestAsync(api, affiliateId);
        var seen = receiver.Received.Count;
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(seen, receiver.Received.Count);
        Assert.Equal("pending", (await api.GetAsync($"/api/webhook-deliveries/{third}")).Body!["status"]!.GetValue<string>());

        receiver.Answer = _ => 200;
        var (status, enabled) = await api.PostAsync($"/api/affiliates/{affiliateId}/webhook/enable");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(enabled!["enabled"]!.GetValue<bool>());
        await WebhookApi.DeliveryAsync(api, third, d => d["status"]!.GetValue<string>() == "succeeded");
        var successes = receiver.Received.Where(r => r.AnsweredWith == 200).Select(r => r.Id).ToList();
        Assert.Equal([second, third], successes);
    }

    [Fact]
    public async Task A_receiver_answering_410_Gone_is_not_called_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 410;
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var affiliateId = await WebhookApi.ApprovedAffiliateAsync(api);
        await WebhookApi.SubscribeAsync(api, affiliateId, receiver.Url);

        var id = await WebhookApi.SendTestAsync(api, affiliateId);
        var dead = await WebhookApi.DeliveryAsync(api, id, d => d["status"]!.GetValue<string>() == "dead_lettered");
        Assert.Single(dead!["attempts"]!.AsArray());
        var (_, endpoint) = await api.GetAsync($"/api/affiliates/{affiliateId}/webhook");
        Assert.False(endpoint!["enabled"]!.GetValue<bool>());
        Assert.Contains("410", endpoint["disabledReason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("http://127.0.0.2:8080/hooks")]
    [InlineData("https://10.1.2.3/hooks")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://localhost:8080/hooks")]
    [InlineData("https://[::1]/hooks")]
    [InlineData("https://192.168.1.10/hooks")]
    [InlineData("ftp://hooks.example/x")]
    [InlineData("not a url")]
    public async Task Webhook_urls_to_private_loopback_or_metadata_addresses_are_refused_with_400_and_nothing_is_stored(string url)
    {
        var api = (await Api.CreateTenantAsync(suite)).Client;
        var affiliateId = await WebhookApi.ApprovedAffiliateAsync(api);

        var (status, problem) = await api.SendAsync(HttpMethod.Put, $"/api/affiliates/{affiliateId}/webhook", new { url });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem!["errors"]!["url"]);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/affiliates/{affiliateId}/webhook")).Status);
    }

    [Fact]
    public async Task Unknown_event_types_are_refused_and_another_tenant_sees_no_endpoint_or_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var a = (await Api.CreateTenantAsync(suite, "Agency A")).Client;
        var b = (await Api.CreateTenantAsync(suite, "Agency B")).Client;
        var affiliateId = await WebhookApi.ApprovedAffiliateAsync(a);

        var (badStatus, problem) = await a.SendAsync(HttpMethod.Put, $"/api/affiliates/{affiliateId}/webhook",
            new { url = receiver.Url, events = new[] { "commission.created", "commission.exploded" } });
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.NotNull(problem!["errors"]!["events[1]"]);

        await WebhookApi.SubscribeAsync(a, affiliateId, receiver.Url);
        var deliveryId = await WebhookApi.SendTestAsync(a, affiliateId);
        await WebhookApi.DeliveryAsync(a, deliveryId, d => d["status"]!.GetValue<string>() == "succeeded");

        Assert.Equal(HttpStatusCode.NotFound, (await b.SendAsync(HttpMethod.Put, $"/api/affiliates/{affiliateId}/webhook", new { url = receiver.Url })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/affiliates/{affiliateId}/webhook")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync($"/api/affiliates/{affiliateId}/webhook/test")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/webhook-deliveries/{deliveryId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync($"/api/webhook-deliveries/{deliveryId}/redeliver")).Status);
        Assert.Empty((await b.GetAsync("/api/webhook-deliveries")).Body!.AsArray());
        Assert.Single(receiver.Received);
    }
}
