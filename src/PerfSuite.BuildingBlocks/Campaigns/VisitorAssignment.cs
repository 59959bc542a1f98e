using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using PerfSuite.Contracts;

namespace PerfSuite.BuildingBlocks.Campaigns;

/// <summary>
/// Where a visitor of a campaign goes: a pure, deterministic function of (campaign id, visitor id), so the
/// click path, the conversion path and every replica agree without storing anything, and a visitor keeps
/// his arm across clicks.
/// <list type="bullet">
/// <item>Holdout: SHA-256 of "campaignId:visitorId" gives a bucket in [0, 10000); the visitor is held out when
/// bucket &lt; holdoutPercent × 100, and goes to the fallback URL (the landing URL when none is set).</item>
/// <item>Arms: the control (the campaign's landing URL, variant null, <see cref="CampaignTerms.ControlWeight"/>) and every
/// non-paused variant with weight &gt; 0 compete by weighted rendezvous hashing: each arm scores
/// weight / −ln(u) with u uniform from SHA-256 of "campaignId:visitorId:arm", the highest score wins. Each arm wins
/// its weight's share, and adding, pausing or re-weighting one arm moves only the visitors who gain or lose that arm.</item>
/// </list>
/// </summary>
public static class VisitorAssignment
{
    public const int Buckets = 10_000;
    private const string ControlArm = "control";

    public readonly record struct Result(bool Holdout, VariantTerms? Variant, string LandingUrl);

    public static Result Assign(CampaignTerms campaign, string visitorId)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(visitorId);

        var holdoutThreshold = (long)Math.Round(campaign.HoldoutPercent * 100m, MidpointRounding.AwayFromZero);
        if (HoldoutBucket(campaign.CampaignId, visitorId) < holdoutThreshold)
            return new Result(true, null, campaign.FallbackUrl ?? campaign.LandingUrl);

        VariantTerms? best = null;
        var bestScore = campaign.ControlWeight > 0 ? Score(campaign.CampaignId, visitorId, ControlArm, campaign.ControlWeight) : double.NegativeInfinity;
        foreach (var variant in campaign.Variants)
        {
            if (variant.Paused || variant.Weight <= 0) continue;
            var score = Score(campaign.CampaignId, visitorId, variant.VariantId.ToString("N"), variant.Weight);
            if (score > bestScore) (best, bestScore) = (variant, score);
        }
        return best is null ? new Result(false, null, campaign.LandingUrl) : new Result(false, best, best.LandingUrl);
    }

    /// <summary>The visitor's holdout bucket in [0, <see cref="Buckets"/>).</summary>
    public static int HoldoutBucket(Guid campaignId, string visitorId) => (int)(Draw($"{campaignId:N}:{visitorId}") % Buckets);

    private static double Score(Guid campaignId, string visitorId, string arm, int weight)
    {
        // 53 random bits → u in (0, 1), never 0 or 1, so −ln(u) is finite and positive.
        var u = ((Draw($"{campaignId:N}:{visitorId}:{arm}") >> 11) + 0.5) / (1UL << 53);
        return weight / -Math.Log(u);
    }

    private static ulong Draw(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
