using Marten;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;

namespace PerfSuite.Affiliates.Affiliates.Suspending;

public sealed record SuspendAffiliateRequest(string? Reason);

public static class SuspendAffiliate
{
    public static Validator Validate(SuspendAffiliateRequest? r) => new Validator().Require("reason", r?.Reason, 500);

    public static IReadOnlyList<object> Decide(Affiliate state, string reason, DateTimeOffset now)
    {
        if (state.Status == AffiliateStatus.Suspended)
            throw new DomainRuleViolation("illegal-transition", "The affiliate is already suspended.");
        return [new AffiliateSuspended(state.Id, reason, now)];
    }

    public static void MapSuspendAffiliate(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/affiliates/{id:guid}/suspend", async (Guid id, SuspendAffiliateRequest? request, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
            {
                var validation = Validate(request);
                if (!validation.IsValid) return validation.ToProblem();
                return await session.Write<Affiliate>(id, ETags.IfMatch(http.Request),
                    state => Decide(state, request!.Reason!.Trim(), time.GetUtcNow()),
                    (affiliate, version) =>
                    {
                        ETags.Set(http.Response, version);
                        return Results.Ok(AffiliateResponse.From(affiliate));
                    }, ct, "The affiliate");
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("SuspendAffiliate");
}
