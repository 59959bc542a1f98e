using Marten;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;

namespace PerfSuite.Affiliates.Affiliates.Listing;

public static class ListAffiliates
{
    public static void MapListAffiliates(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/affiliates", async (IQuerySession session, CancellationToken ct) =>
            {
                var affiliates = await session.Query<Affiliate>().OrderBy(a => a.Name).Take(1000).ToListAsync(ct);
                return Results.Ok(affiliates.Select(AffiliateResponse.From));
            })
            .RequireAuthorization(Policies.Reader)
            .WithName("ListAffiliates");

        app.MapGet("/api/affiliates/{id:guid}", async (Guid id, HttpContext http, IQuerySession session, CancellationToken ct) =>
            {
                var affiliate = await session.LoadAsync<Affiliate>(id, ct);
                if (affiliate is null) return ProblemResults.NotFound("The affiliate");
                ETags.Set(http.Response, affiliate.Version);
                return Results.Ok(AffiliateResponse.From(affiliate));
            })
            .RequireAuthorization(Policies.Reader)
            .WithName("GetAffiliate");
    }
}
