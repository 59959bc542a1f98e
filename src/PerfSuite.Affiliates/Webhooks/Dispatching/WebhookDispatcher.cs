using System.Diagnostics;
using System.Text;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PerfSuite.Affiliates.Webhooks.Dispatching;

/// <summary>
/// Sends persisted deliveries. One replica dispatches at a time (it holds a PostgreSQL advisory lock on a connection of its
/// own; when it dies the lock goes with its connection and another replica takes over). Per affiliate only the oldest
/// pending delivery is attempted, so a later event is never delivered before an earlier one; different affiliates go in
/// parallel. A crash between an attempt and its record means the delivery is attempted again: at least once, with the
/// same webhook-id for the receiver to deduplicate.
/// </summary>
public sealed class WebhookDispatcher(
    IDocumentStore store,
    WebhookAddressGuard guard,
    IOptions<WebhookOptions> options,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private const long LockKey = 0x5045_5246_5748; // "PERFWH"
    private const int ExcerptBytes = 512;
    private static readonly TimeSpan LockRetry = TimeSpan.FromSeconds(2);
    private readonly WebhookOptions _options = options.Value;

    // Not from IHttpClientFactory: the defaults every factory client gets (standard resilience: in-process retries and
    // timeouts; service discovery) must not apply — each attempt is one recorded request, retried by the persisted schedule.
    private readonly HttpClient _http = new(WebhookHttp.CreateHandler(guard)) { Timeout = Timeout.InfiniteTimeSpan };

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString("postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:postgres is not set");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var lockConnection = new NpgsqlConnection(connectionString);
                await lockConnection.OpenAsync(stoppingToken);
                await using (var command = new NpgsqlCommand("select pg_try_advisory_lock(@key)", lockConnection))
                {
                    command.Parameters.AddWithValue("key", LockKey);
                    if (await command.ExecuteScalarAsync(stoppingToken) is not true)
                    {
                        await Task.Delay(LockRetry, time, stoppingToken);
                        continue;
                    }
                }
                logger.LogInformation("This replica now dispatches webhooks");
                var lastCheck = time.GetUtcNow();
                while (!stoppingToken.IsCancellationRequested)
                {
                    var attempted = await DispatchDueAsync(stoppingToken);
                    if (time.GetUtcNow() - lastCheck > LockRetry)
                    {
                        // The lock lives as long as its connection: stop dispatching as soon as that connection is gone.
                        await using var ping = new NpgsqlCommand("select 1", lockConnection);
                        await ping.ExecuteScalarAsync(stoppingToken);
                        lastCheck = time.GetUtcNow();
                    }
                    if (attempted == 0) await Task.Delay(_options.PollInterval, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                logger.LogError(e, "Webhook dispatching failed; retrying");
                await Task.Delay(LockRetry, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Attempts the due head delivery of every affiliate with pending deliveries; returns how many were attempted.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        List<Delivery> pending;
        await using (var query = store.QuerySession())
        {
            pending = (await query.Query<Delivery>()
                .Where(d => d.AnyTenant() && d.Status == DeliveryStatus.Pending)
                .OrderBy(d => d.CreatedAt).ThenBy(d => d.Ordinal).ThenBy(d => d.Id)
                .Take(5000)
                .ToListAsync(ct)).ToList();
        }
        if (pending.Count == 0) return 0;

        var now = time.GetUtcNow();
        var due = pending
            .GroupBy(d => (d.TenantId, d.AffiliateId))
            .Select(g => g.First())
            .Where(head => head.NextAttemptAt <= now)
            .ToList();
        if (due.Count == 0) return 0;

        var work = new List<(Delivery Delivery, WebhookEndpoint Endpoint)>();
        foreach (var tenant in due.GroupBy(d => d.TenantId!))
        {
            await using var session = store.QuerySession(tenant.Key);
            var endpoints = (await session.LoadManyAsync<WebhookEndpoint>(ct, tenant.Select(d => d.AffiliateId).Distinct().ToArray()))
                .ToDictionary(e => e.Id);
            work.AddRange(tenant
                .Where(d => endpoints.TryGetValue(d.AffiliateId, out var e) && e.Enabled)
                .Select(d => (d, endpoints[d.AffiliateId])));
        }

        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = ct },
            async (item, token) => await AttemptAsync(item.Delivery, item.Endpoint, token));
        return work.Count;
    }

    private async Task AttemptAsync(Delivery delivery, WebhookEndpoint endpoint, CancellationToken ct)
    {
        var result = await SendAsync(delivery, endpoint, ct);

        await using var session = store.LightweightSession(delivery.TenantId!);
        var current = await session.LoadAsync<Delivery>(delivery.Id, ct);
        var currentEndpoint = await session.LoadAsync<WebhookEndpoint>(delivery.AffiliateId, ct);
        if (current is null || currentEndpoint is null) return;
        var (updated, health) = DeliveryOutcome.Apply(current, currentEndpoint, result, _options, time.GetUtcNow(), Random.Shared);
        session.Store(updated);
        session.Store(health);
        await session.SaveChangesAsync(ct);
        if (!result.Succeeded)
            logger.LogInformation("Webhook {DeliveryId} to affiliate {AffiliateId} failed ({Error}); status now {Status}",
                delivery.Id, delivery.AffiliateId, updated.LastError, updated.Status);
    }

    private async Task<AttemptResult> SendAsync(Delivery delivery, WebhookEndpoint endpoint, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        var messageId = delivery.Id.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("webhook-id", messageId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSigner.Header(endpoint.SigningSecrets(now), messageId, timestamp, delivery.Body));
        request.Headers.UserAgent.ParseAdd("PerfSuite-Webhooks/1.0");

        var stopwatch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ReadExcerptAsync(response, timeout.Token);
            return new AttemptResult((int)response.StatusCode, stopwatch.ElapsedMilliseconds, null, excerpt, response.Headers.RetryAfter);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new AttemptResult(null, stopwatch.ElapsedMilliseconds, $"timed out after {_options.Timeout.TotalSeconds:0.#} s", null, null);
        }
        catch (Exception e) when (e is HttpRequestException or WebhookAddressRefused)
        {
            var refused = FindRefusal(e);
            var error = refused is not null ? $"refused by the SSRF guard: the URL {refused.Message}" : e.Message;
            return new AttemptResult(null, stopwatch.ElapsedMilliseconds, error, null, null);
        }
    }

    private static WebhookAddressRefused? FindRefusal(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is WebhookAddressRefused refused) return refused;
        return null;
    }

    private static async Task<string?> ReadExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[ExcerptBytes];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0) break;
            read += n;
        }
        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }
}
