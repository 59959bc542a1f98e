using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerfSuite.Testing;

namespace PerfSuite.EndToEndTests.Affiliates;

/// <summary>One request the receiver got, with the answer it gave.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, HeaderDictionary Headers, int AnsweredWith, DateTimeOffset At)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
    public string Type => Json["type"]!.GetValue<string>();
}

/// <summary>A real HTTP webhook receiver on 127.0.0.1 that the test controls: what it answers, and what it saw.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    /// <summary>The status code to answer a request with (given the number of requests seen so far, starting at 1).</summary>
    public Func<int, int> Answer { get; set; } = _ => 200;

    /// <summary>Runs when a request arrives, before it is answered.</summary>
    public Func<Task>? OnRequest { get; set; }

    public string Url { get; private set; } = "";

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    private WebhookReceiver(WebApplication app) => _app = app;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new WebhookReceiver(builder.Build());
        var count = 0;
        receiver._app.MapPost("/hooks", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            if (receiver.OnRequest is { } hook) await hook();
            var status = receiver.Answer(Interlocked.Increment(ref count));
            var headers = new HeaderDictionary();
            foreach (var (k, v) in http.Request.Headers) headers[k] = v;
            receiver._received.Enqueue(new ReceivedWebhook(http.Request.Headers["webhook-id"].ToString(),
                http.Request.Headers["webhook-timestamp"].ToString(), http.Request.Headers["webhook-signature"].ToString(),
                body, headers, status, DateTimeOffset.UtcNow));
            return Results.Text($"answered {status}", statusCode: status);
        });
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = $"{address}/hooks";
        return receiver;
    }

    public Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan? within = null) =>
        Eventually.Until(() => Task.FromResult(Received), done, within ?? TimeSpan.FromSeconds(30), "the webhook receiver");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
