using Marten;
using Microsoft.Extensions.Options;
using PerfSuite.Affiliates.Affiliates;
using PerfSuite.Affiliates.Webhooks.Dispatching;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;

namespace PerfSuite.Affiliates.Webhooks.Endpoints;

public sealed record ConfigureWebhookRequest(string? Url, IReadOnlyList<string>? Events);

public sealed record WebhookSecretResponse(string Secret, WebhookEndpointResponse Endpoint);

public static class WebhookEndpointsApi
{
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/affiliates/{id:guid}/webhook", async (Guid id, ConfigureWebhookRequest request, IDocumentSession session,
                WebhookAddressGuard guard, TimeProvider time, CancellationToken ct) =>
            {
                var v = new Validator();
                if (string.IsNullOrWhiteSpace(request.Url)) v.Add("url", "is required");
                else if (await guard.CheckAsync(request.Url.Trim(), ct) is { } refusal) v.Add("url", refusal);
                var events = request.Events is { Count: > 0 } ? request.Events.Distinct().ToList() : [.. WebhookTypes.Subscribable];
                for (var i = 0; i < (request.Events?.Count ?? 0); i++)
                    v.OneOf($"events[{i}]", request.Events![i], [.. WebhookTypes.Subscribable, WebhookTypes.Test]);
                if (!v.IsValid) return v.ToProblem();
                if (await session.LoadAsync<Affiliate>(id, ct) is null) return ProblemResults.NotFound("The affiliate");

                var now = time.GetUtcNow();
                var existing = await session.LoadAsync<WebhookEndpoint>(id, ct);
                var endpoint = existing is null
                    ? new WebhookEndpoint(id, request.Url!.Trim(), events, [WebhookSecret.New(now)], true, null, null, 0, null, null, null, now)
                    : existing with { Url = request.Url!.Trim(), Events = events, UpdatedAt = now };
                session.Store(endpoint);
                await session.SaveChangesAsync(ct);
                return Results.Ok(new WebhookSecretResponse(endpoint.SigningSecrets(now)[0], WebhookEndpointResponse.From(endpoint, now)));
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("ConfigureWebhook");

        app.MapGet("/api/affiliates/{id:guid}/webhook", async (Guid id, IQuerySession session, TimeProvider time, CancellationToken ct) =>
                await session.LoadAsync<WebhookEndpoint>(id, ct) is { } endpoint
                    ? Results.Ok(WebhookEndpointResponse.From(endpoint, time.GetUtcNow()))
                    : ProblemResults.NotFound("The webhook endpoint"))
            .RequireAuthorization(Policies.Reader)
            .WithName("GetWebhook");

        app.MapPost("/api/affiliates/{id:guid}/webhook/rotate-secret", async (Guid id, IDocumentSession session, IOptions<WebhookOptions> options,
                TimeProvider time, CancellationToken ct) =>
            {
                if (await session.LoadAsync<WebhookEndpoint>(id, ct) is not { } endpoint) return ProblemResults.NotFound("The webhook endpoint");
                var now = time.GetUtcNow();
                var rotated = endpoint.Rotate(options.Value.SecretRotationGrace, now);
                session.Store(rotated);
                await session.SaveChangesAsync(ct);
                return Results.Ok(new WebhookSecretResponse(rotated.SigningSecrets(now)[0], WebhookEndpointResponse.From(rotated, now)));
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("RotateWebhookSecret");

        app.MapPost("/api/affiliates/{id:guid}/webhook/test", async (Guid id, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
            {
                if (await session.LoadAsync<WebhookEndpoint>(id, ct) is null) return ProblemResults.NotFound("The webhook endpoint");
                var delivery = Delivery.Create(id, WebhookTypes.Test, new { affiliateId = id, message = "This is a test webhook from PerfSuite." },
                    null, time.GetUtcNow(), 0);
                session.Store(delivery);
                await session.SaveChangesAsync(ct);
                return Results.Accepted($"/api/webhook-deliveries/{delivery.Id}", DeliveryResponse.From(delivery));
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("TestWebhook");

        app.MapPost("/api/affiliates/{id:guid}/webhook/enable", async (Guid id, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
            {
                if (await session.LoadAsync<WebhookEndpoint>(id, ct) is not { } endpoint) return ProblemResults.NotFound("The webhook endpoint");
                var now = time.GetUtcNow();
                if (!endpoint.Enabled)
                {
                    endpoint = endpoint with { Enabled = true, DisabledReason = null, DisabledAt = null, ConsecutiveFailures = 0, UpdatedAt = now };
                    session.Store(endpoint);
                    // What was missed while disabled is still pending: make it due now, in its original order.
                    var missed = await session.Query<Delivery>()
                        .Where(d => d.AffiliateId == id && d.Status == DeliveryStatus.Pending)
                        .ToListAsync(ct);
                    foreach (var delivery in missed) session.Store(delivery with { NextAttemptAt = now });
                    await session.SaveChangesAsync(ct);
                }
                return Results.Ok(WebhookEndpointResponse.From(endpoint, now));
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("EnableWebhook");
    }
}
