using Marten;
using PerfSuite.Affiliates.Webhooks;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;

namespace PerfSuite.Affiliates.Ledger.Approving;

public static class ApproveCommissionEndpoint
{
    public static void MapApproveCommission(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/commissions/{id:guid}/approve", async (Guid id, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
            {
                var now = time.GetUtcNow();
                try
                {
                    var stream = await session.Events.FetchForWriting<Commission>(id, ct);
                    if (stream.Aggregate is null) return ProblemResults.NotFound("The commission");
                    var events = ApproveCommission.Decide(stream.Aggregate, manual: true, now);
                    stream.AppendMany(events);
                    await WebhookOutbox.EnqueueAsync(session, events, now, ct);
                    await session.SaveChangesAsync(ct);
                    return Results.Ok(CommissionResponse.From(events.Aggregate(stream.Aggregate, (c, e) => c.Apply((CommissionApproved)e))));
                }
                catch (DomainRuleViolation rule)
                {
                    return ProblemResults.Conflict(rule.Code, rule.Message);
                }
                catch (Exception e) when (StreamWrites.IsConcurrencyConflict(e))
                {
                    return ProblemResults.Conflict("concurrent-update", "The commission was changed by another request at the same time; retry.");
                }
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("ApproveCommission");
}
