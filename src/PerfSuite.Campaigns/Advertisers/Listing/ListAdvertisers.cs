using Marten;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Campaigns.Advertisers.Registering;

namespace PerfSuite.Campaigns.Advertisers.Listing;

public static class ListAdvertisers
{
    public static void MapListAdvertisers(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/advertisers", async (IQuerySession session, CancellationToken ct) =>
            {
                var advertisers = await session.Query<Advertiser>().OrderBy(a => a.Name).Take(1000).ToListAsync(ct);
                return Results.Ok(advertisers.Select(AdvertiserResponse.From));
            })
            .RequireAuthorization(Policies.Reader)
            .WithName("ListAdvertisers");
}
