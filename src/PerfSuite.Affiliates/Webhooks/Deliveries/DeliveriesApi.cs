using Marten;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;

namespace PerfSuite.Affiliates.Webhooks.Deliveries;

public sealed record RedeliverAllRequest(string? Status, Guid? AffiliateId);

public static class DeliveriesApi
{
    public static void MapDeliveries(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/webhook-deliveries", async (IQuerySession session, string? affiliateId, string? status, CancellationToken ct) =>
            {
                var v = new Validator().OneOf("status", status, DeliveryStatuses.Names, required: false);
                Guid? affiliate = null;
                if (affiliateId is not null)
                {
                    if (Guid.TryParse(affiliateId, out var a)) affiliate = a;
                    else v.Add("affiliateId", "must be a UUID");
                }
                if (!v.IsValid) return v.ToProblem();

                var query = session.Query<Delivery>().AsQueryable();
                if (affiliate is { } id) query = query.Where(d => d.AffiliateId == id);
                if (status is not null)
                {
                    var wanted = DeliveryStatuses.Parse(status);
                    query = query.Where(d => d.Status == wanted);
                }
                var deliveries = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Ordinal).Take(500).ToListAsync(ct);
                return Results.Ok(deliveries.Select(DeliveryResponse.From));
            })
            .RequireAuthorization(Policies.Reader)
            .WithName("ListWebhookDeliveries");

        app.MapGet("/api/webhook-deliveries/{id:guid}", async (Guid id, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<Delivery>(id, ct) is { } d ? Results.Ok(DeliveryResponse.From(d)) : ProblemResults.NotFound("The delivery"))
            .RequireAuthorization(Policies.Reader)
            .WithName("GetWebhookDelivery");

        app.MapPost("/api/webhook-deliveries/{id:guid}/redeliver", async (Guid id, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
            {
                if (await session.LoadAsync<Delivery>(id, ct) is not { } delivery) return ProblemResults.NotFound("The delivery");
                if (delivery.Status == DeliveryStatus.Pending)
                    return ProblemResults.Conflict("already-pending", "The delivery is still pending; it will be attempted again by itself.");
                var redelivered = delivery.Redeliver(time.GetUtcNow());
                session.Store(redelivered);
                await session.SaveChangesAsync(ct);
                return Results.Accepted($"/api/webhook-deliveries/{id}", DeliveryResponse.From(redelivered));
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("RedeliverWebhook");

        app.MapPost("/api/webhook-deliveries/redeliver", async (RedeliverAllRequest request, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
            {
                var v = new Validator().OneOf("status", request.Status, ["dead_lettered"]);
                if (!v.IsValid) return v.ToProblem();
                var query = session.Query<Delivery>().Where(d => d.Status == DeliveryStatus.DeadLettered);
                if (request.AffiliateId is { } affiliate) query = query.Where(d => d.AffiliateId == affiliate);
                var deadLettered = await query.Take(10_000).ToListAsync(ct);
                var now = time.GetUtcNow();
                foreach (var delivery in deadLettered) session.Store(delivery.Redeliver(now));
                await session.SaveChangesAsync(ct);
                return Results.Accepted("/api/webhook-deliveries?status=pending", new { redelivered = deadLettered.Count });
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("RedeliverDeadLetteredWebhooks");
    }
}
