using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using PerfSuite.Affiliates.Webhooks;
using PerfSuite.Affiliates.Webhooks.Dispatching;

namespace PerfSuite.Affiliates.Tests;

public sealed class WebhookTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static WebhookAddressGuard Guard(bool allowHttp = false, params string[] allowlist) =>
        new(Options.Create(new WebhookOptions { AllowHttp = allowHttp, Allowlist = [.. allowlist] }));

    [Theory]
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://10.0.0.5/hooks")]
    [InlineData("https://172.20.1.1/hooks")]
    [InlineData("https://192.168.0.1/hooks")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://100.100.100.200/")]
    [InlineData("https://localhost/hooks")]
    [InlineData("https://api.localhost/hooks")]
    [InlineData("https://[::1]/hooks")]
    [InlineData("https://[fd00:ec2::254]/")]
    [InlineData("https://[fe80::1]/")]
    [InlineData("https://[::ffff:127.0.0.1]/")]
    [InlineData("https://0.0.0.0/")]
    [InlineData("http://93.184.215.14/hooks")]
    [InlineData("ftp://93.184.215.14/hooks")]
    [InlineData("https://user:pw@93.184.215.14/hooks")]
    public async Task Private_loopback_metadata_and_non_https_urls_are_refused(string url)
    {
        Assert.NotNull(await Guard().CheckAsync(url, CancellationToken.None));
    }

    [Fact]
    public async Task A_public_https_address_is_accepted()
    {
        Assert.Null(await Guard().CheckAsync("https://93.184.215.14/hooks", CancellationToken.None));
        Assert.Null(await Guard().CheckAsync("https://[2606:4700::1111]/hooks", CancellationToken.None));
    }

    [Fact]
    public async Task Allowlisted_networks_and_hosts_and_http_by_configuration_are_accepted()
    {
        var guard = Guard(allowHttp: true, "127.0.0.1/32", "10.1.0.0/16", "hooks.internal");
        Assert.Null(await guard.CheckAsync("http://127.0.0.1:5000/hooks", CancellationToken.None));
        Assert.Null(await guard.CheckAsync("https://10.1.2.3/hooks", CancellationToken.None));
        Assert.NotNull(await guard.CheckAsync("https://10.2.0.1/hooks", CancellationToken.None));
        Assert.NotNull(await guard.CheckAsync("http://127.0.0.2/hooks", CancellationToken.None));
        Assert.NotNull(await guard.CheckAsync("http://localhost:5000/hooks", CancellationToken.None));
        Assert.True(guard.IsAllowed(IPAddress.Parse("10.1.255.255")));
        Assert.False(guard.IsAllowed(IPAddress.Parse("169.254.169.254")));
    }

    [Fact]
    public async Task The_connection_is_refused_at_delivery_time_when_the_name_resolves_to_a_private_address()
    {
        // "localhost" stands in for a public name whose DNS answer changed to a private address after it was checked.
        await Assert.ThrowsAsync<WebhookAddressRefused>(() => Guard().ResolveAllowedAsync("localhost", CancellationToken.None));
        await Assert.ThrowsAsync<WebhookAddressRefused>(() => Guard().ResolveAllowedAsync("127.0.0.1", CancellationToken.None));
        using var client = new HttpClient(WebhookHttp.CreateHandler(Guard(allowHttp: true)));
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync("http://127.0.0.1:9/hooks", new StringContent("{}")));
        Assert.IsType<WebhookAddressRefused>(error.InnerException);
    }

    [Fact]
    public void The_signature_is_the_Standard_Webhooks_HMAC_of_id_timestamp_and_body()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var secret = "whsec_" + Convert.ToBase64String(key);
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(key, "msg_1.1700000000.{\"a\":1}"u8.ToArray()));

        Assert.Equal("v1," + expected, WebhookSigner.Sign(secret, "msg_1", 1700000000, "{\"a\":1}"));
        var other = "whsec_" + Convert.ToBase64String(new byte[32]);
        Assert.Equal($"v1,{expected} {WebhookSigner.Sign(other, "msg_1", 1700000000, "{\"a\":1}")}",
            WebhookSigner.Header([secret, other], "msg_1", 1700000000, "{\"a\":1}"));
    }

    [Fact]
    public void A_rotated_secret_keeps_signing_beside_the_new_one_until_its_grace_period_ends()
    {
        var endpoint = Endpoint();
        var rotated = endpoint.Rotate(TimeSpan.FromHours(24), Now);

        var signing = rotated.SigningSecrets(Now.AddHours(1));
        Assert.Equal(2, signing.Count);
        Assert.Equal(endpoint.Secrets[0].Secret, signing[1]);
        Assert.Single(rotated.SigningSecrets(Now.AddHours(25)));
        Assert.NotEqual(endpoint.Secrets[0].Secret, rotated.SigningSecrets(Now.AddHours(25))[0]);
    }

    private static readonly WebhookOptions Options5 = new() { MaxAttempts = 5, DisableAfterConsecutiveFailures = 7, RetryBaseDelay = TimeSpan.FromSeconds(10), RetryMaxDelay = TimeSpan.FromMinutes(10) };

    private static WebhookEndpoint Endpoint() =>
        new(Guid.NewGuid(), "https://hooks.example/x", WebhookTypes.Subscribable, [WebhookSecret.New(Now.AddDays(-1))], true, null, null, 0, null, null, null, Now);

    private static Delivery NewDelivery() => Delivery.Create(Guid.NewGuid(), WebhookTypes.Test, new { x = 1 }, null, Now, 0);

    private static AttemptResult Http(int status, RetryConditionHeaderValue? retryAfter = null) => new(status, 12, null, "body", retryAfter);

    [Fact]
    public void Failures_are_retried_with_growing_jittered_delays_then_dead_lettered_after_the_last_attempt()
    {
        var (delivery, endpoint) = (NewDelivery(), Endpoint());
        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            (delivery, endpoint) = DeliveryOutcome.Apply(delivery, endpoint, Http(500), Options5, Now, new Random(attempt));
            if (delivery.Status == DeliveryStatus.Pending) delays.Add(delivery.NextAttemptAt - Now);
        }

        Assert.Equal(DeliveryStatus.DeadLettered, delivery.Status);
        Assert.Equal(5, delivery.Attempts.Count);
        Assert.Equal(4, delays.Count);
        for (var i = 0; i < delays.Count; i++)
            Assert.InRange(delays[i], TimeSpan.FromSeconds(5 * Math.Pow(2, i)), TimeSpan.FromSeconds(10 * Math.Pow(2, i)));
        Assert.Equal(5, endpoint.ConsecutiveFailures);
        Assert.True(endpoint.Enabled);
    }

    [Fact]
    public void Retry_After_on_429_and_503_is_honoured_within_the_maximum_delay()
    {
        var (delivery, endpoint) = (NewDelivery(), Endpoint());
        var (after429, _) = DeliveryOutcome.Apply(delivery, endpoint, Http(429, new RetryConditionHeaderValue(TimeSpan.FromSeconds(90))), Options5, Now, new Random(1));
        Assert.Equal(Now.AddSeconds(90), after429.NextAttemptAt);
        var (after503, _) = DeliveryOutcome.Apply(delivery, endpoint, Http(503, new RetryConditionHeaderValue(Now.AddHours(3))), Options5, Now, new Random(1));
        Assert.Equal(Now.AddMinutes(10), after503.NextAttemptAt);
    }

    [Fact]
    public void A_success_resets_the_endpoint_health_and_410_stops_at_once_and_disables_the_endpoint()
    {
        var (delivery, endpoint) = DeliveryOutcome.Apply(NewDelivery(), Endpoint(), Http(500), Options5, Now, new Random(1));
        (delivery, endpoint) = DeliveryOutcome.Apply(delivery, endpoint, Http(204), Options5, Now, new Random(1));
        Assert.Equal(DeliveryStatus.Succeeded, delivery.Status);
        Assert.Equal(0, endpoint.ConsecutiveFailures);

        var (gone, goneEndpoint) = DeliveryOutcome.Apply(NewDelivery(), Endpoint(), Http(410), Options5, Now, new Random(1));
        Assert.Equal(DeliveryStatus.DeadLettered, gone.Status);
        Assert.Single(gone.Attempts);
        Assert.False(goneEndpoint.Enabled);
        Assert.Contains("410", goneEndpoint.DisabledReason);
    }

    [Fact]
    public void After_the_configured_consecutive_failures_the_endpoint_is_disabled_with_the_reason_and_the_delivery_waits()
    {
        var endpoint = Endpoint() with { ConsecutiveFailures = 6 };
        var (delivery, disabled) = DeliveryOutcome.Apply(NewDelivery(), endpoint,
            new AttemptResult(null, 10_000, "timed out after 10 s", null, null), Options5, Now, new Random(1));

        Assert.False(disabled.Enabled);
        Assert.Equal("Disabled after 7 consecutive failed attempts; last: timed out after 10 s", disabled.DisabledReason);
        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
    }

    [Fact]
    public void A_redelivery_starts_a_new_round_of_attempts_and_keeps_the_log()
    {
        var (delivery, endpoint) = (NewDelivery(), Endpoint());
        for (var i = 0; i < 5; i++) (delivery, endpoint) = DeliveryOutcome.Apply(delivery, endpoint, Http(500), Options5, Now, new Random(i));

        var again = delivery.Redeliver(Now.AddHours(1));
        Assert.Equal(DeliveryStatus.Pending, again.Status);
        Assert.Equal(0, again.AttemptsInRound);
        Assert.Equal(5, again.Attempts.Count);
        Assert.Equal(delivery.Body, again.Body);
        Assert.Equal(delivery.Id, again.Id);
    }
}
