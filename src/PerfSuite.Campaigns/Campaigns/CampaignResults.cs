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
}
