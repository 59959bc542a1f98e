using Marten;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Campaigns.Campaigns.Creating;

namespace PerfSuite.Campaigns.Campaigns.PostbackTokens;

/// <summary>A new postback token for pixel and S2S conversions; the old one stops working as soon as Conversions hears of it.</summary>
public static class RotatePostbackToken
{
    public static IReadOnlyList<object> Decide(Campaign state, string newToken, DateTimeOffset now)
    {
        if (state.Status == CampaignStatus.Ended)
            throw new DomainRuleViolation("illegal-transition", "An ended campaign's postback token cannot be rotated.");
        return [new PostbackTokenRotated(newToken, (state with { PostbackToken = newToken }).ToTerms(), now)];
    }

    public static void MapRotatePostbackToken(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/campaigns/{id:guid}/postback-token/rotate", (Guid id, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
                session.WriteCampaign(id, http,
                    state => Decide(state, CampaignRules.NewPostbackToken(), time.GetUtcNow()),
                    (campaign, version) => CampaignResults.Ok(http, campaign, version), ct))
            .RequireAuthorization(Policies.Admin)
            .WithName("RotatePostbackToken");
}
