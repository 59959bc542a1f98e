using Marten;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Campaigns.Budgets;

namespace PerfSuite.Campaigns.Campaigns.Getting;

public static class GetCampaign
{
    public static void MapGetCampaign(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/campaigns/{id:guid}", async (Guid id, HttpContext http, IQuerySession session, TimeProvider time, CancellationToken ct) =>
            {
                var campaign = await session.LoadAsync<Campaign>(id, ct);
                if (campaign is null) return ProblemResults.NotFound("The campaign");
                var spend = await session.LoadAsync<CampaignSpend>(id, ct) ?? CampaignSpend.None(id);
                ETags.Set(http.Response, campaign.Version);
                return Results.Ok(CampaignResponse.From(campaign, campaign.Version, spend, time.GetUtcNow()));
            })
            .RequireAuthorization(Policies.Reader)
            .WithName("GetCampaign");

        app.MapGet("/api/campaigns", async (IQuerySession session, string? status, CancellationToken ct) =>
            {
                var campaigns = await session.Query<Campaign>().OrderByDescending(c => c.CreatedAt).Take(1000).ToListAsync(ct);
                return Results.Ok(campaigns
                    .Where(c => status is null || c.StatusName == status)
                    .Select(c => CampaignResponse.From(c, c.Version)));
            })
            .RequireAuthorization(Policies.Reader)
            .WithName("ListCampaigns");
    }
}
