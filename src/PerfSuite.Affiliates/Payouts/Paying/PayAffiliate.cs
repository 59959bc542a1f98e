using Marten;
using PerfSuite.Affiliates.Affiliates;
using PerfSuite.Affiliates.Ledger;
using PerfSuite.Affiliates.Webhooks;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;

namespace PerfSuite.Affiliates.Payouts.Paying;

public sealed record PayAffiliateRequest(Guid? AffiliateId);

public static class PayAffiliate
{
    /// <summary>
    /// Pays every approved commission of the affiliate, one payout per currency, in one transaction: each commission is
    /// appended at the version it was read, so two payouts racing cannot pay a commission twice (the loser gets 409).
    /// </summary>
    public static void MapPayAffiliate(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/payouts", async (PayAffiliateRequest request, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
            {
                var v = new Validator().RequireNonEmpty("affiliateId", request.AffiliateId);
                if (!v.IsValid) return v.ToProblem();
                var affiliateId = request.AffiliateId!.Value;
                if (await session.LoadAsync<Affiliate>(affiliateId, ct) is null) return ProblemResults.NotFound("The affiliate");

                var now = time.GetUtcNow();
                var approved = await session.Query<Commission>()
                    .Where(c => c.AffiliateId == affiliateId && c.Status == CommissionStatus.Approved)
                    .ToListAsync(ct);
                var plans = PayoutPlanner.Plan(affiliateId, approved, Guid.CreateVersion7, now);
                if (plans.Count == 0)
                    return ProblemResults.Conflict("nothing-to-pay", "The affiliate has no approved commissions to pay (or its clawbacks exceed them).");

                var versions = approved.ToDictionary(c => c.Id, c => c.Version);
                var appended = new List<object>();
                foreach (var plan in plans)
                {
                    foreach (var paid in plan.Paid)
                    {
                        session.Events.Append(paid.CommissionId, versions[paid.CommissionId] + 1, paid);
                        appended.Add(paid);
                    }
                    session.Events.StartStream<Payout>(plan.Created.PayoutId, plan.Created);
                    appended.Add(plan.Created);
                }
                await WebhookOutbox.EnqueueAsync(session, appended, now, ct);
                try
                {
                    await session.SaveChangesAsync(ct);
                }
                catch (Exception e) when (StreamWrites.IsConcurrencyConflict(e))
                {
                    return ProblemResults.Conflict("concurrent-update", "A commission of this affiliate changed while paying; nothing was paid, retry.");
                }
                return Results.Created("/api/payouts", plans.Select(p => PayoutResponse.From(Payout.Create(p.Created))).ToList());
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("PayAffiliate");
}
