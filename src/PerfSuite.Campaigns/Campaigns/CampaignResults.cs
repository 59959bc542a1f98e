using Marten;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Http;

namespace PerfSuite.Campaigns.Campaigns;

public static class CampaignResults
{
    /// <summary>200 with the campaign and its version as ETag, for the next If-Match.</summary>
    public static IResult Ok(HttpContext http, Campaign campaign, long version)
    {
        ETags.Set(http.Response, version);
        return Results.Ok(CampaignResponse.From(campaign, version));
    }

    /// <summary>StreamWrites.Write for a campaign, at the request's If-Match version when one is sent.</summary>
    public static Task<IResult> WriteCampaign(this IDocumentSession session, Guid id, HttpContext http,
        Func<Campaign, IReadOnlyList<object>> decide, Func<Campaign, long, IResult> onSuccess, CancellationToken ct) =>
        session.Write(id, ETags.IfMatch(http.Request), decide, onSuccess, ct, "The campaign");
}
