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

    /// <summary>
    /// StreamWrites.Write for a campaign, at the request's If-Match version when one is sent. With a version, Marten reports
    /// another tenant's (or an unknown) campaign as a version conflict, so look it up first: that is a 404, never a 412.
    /// </summary>
    public static async Task<IResult> WriteCampaign(this IDocumentSession session, Guid id, HttpContext http,
        Func<Campaign, IReadOnlyList<object>> decide, Func<Campaign, long, IResult> onSuccess, CancellationToken ct)
    {
        var expected = ETags.IfMatch(http.Request);
        if (expected is not null && await session.LoadAsync<Campaign>(id, ct) is null) return ProblemResults.NotFound("The campaign");
        return await session.Write(id, expected, decide, onSuccess, ct, "The campaign");
    }
}
