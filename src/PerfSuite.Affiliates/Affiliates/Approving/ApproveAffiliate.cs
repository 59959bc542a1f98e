using Marten;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;

namespace PerfSuite.Affiliates.Affiliates.Approving;

public static class ApproveAffiliate
{
    /// <summary>Approves a pending affiliate or reinstates a suspended one.</summary>
    public static IReadOnlyList<object> Decide(Affiliate state, DateTimeOffset now)
    {
        if (state.Status == AffiliateStatus.Approved)
            throw new DomainRuleViolation("illegal-transition", "The affiliate is already approved.");
        return [new AffiliateApproved(state.Id, now)];
    }

    public static void MapApproveAffiliate(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/affiliates/{id:guid}/approve", (Guid id, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
                session.Write<Affiliate>(id, ETags.IfMatch(http.Request),
                    state => Decide(state, time.GetUtcNow()),
                    (affiliate, version) =>
                    {
                        ETags.Set(http.Response, version);
                        return Results.Ok(AffiliateResponse.From(affiliate));
                    }, ct, "The affiliate"))
            .RequireAuthorization(Policies.Admin)
            .WithName("ApproveAffiliate");
}
