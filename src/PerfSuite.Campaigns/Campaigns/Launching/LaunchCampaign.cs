using Marten;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;

namespace PerfSuite.Campaigns.Campaigns.Launching;

public static class LaunchCampaign
{
    public static IReadOnlyList<object> Decide(Campaign state, DateTimeOffset now)
    {
        if (state.Status != CampaignStatus.Draft)
            throw new DomainRuleViolation("illegal-transition", $"A campaign that is {state.StatusName} cannot be launched; only a draft can.");
        if (state.Definition.EndsAt is { } endsAt && endsAt <= now)
            throw new DomainRuleViolation("campaign-schedule-over", "The campaign's endsAt has passed; change endsAt before launching it.");
        var launched = state with { Status = CampaignStatus.Active };
        return [new CampaignLaunched(launched.ToTerms(), now)];
    }

    public static void MapLaunchCampaign(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/campaigns/{id:guid}/launch", (Guid id, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
                session.WriteCampaign(id, http,
                    state => Decide(state, time.GetUtcNow()),
                    (campaign, version) => CampaignResults.Ok(http, campaign, version), ct))
            .RequireAuthorization(Policies.Admin)
            .WithName("LaunchCampaign");
}
