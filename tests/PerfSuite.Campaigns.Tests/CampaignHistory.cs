using PerfSuite.Campaigns.Campaigns;
using PerfSuite.Campaigns.Campaigns.Creating;
using PerfSuite.Contracts;
using Launched_ = PerfSuite.Campaigns.Campaigns.CampaignLaunched;
using Paused_ = PerfSuite.Campaigns.Campaigns.CampaignPaused;
using Resumed_ = PerfSuite.Campaigns.Campaigns.CampaignResumed;
using Ended_ = PerfSuite.Campaigns.Campaigns.CampaignEnded;

namespace PerfSuite.Campaigns.Tests;

/// <summary>Given-events helpers: a campaign is the fold of its events, as Marten builds it.</summary>
public static class CampaignHistory
{
    public static readonly Guid CampaignId = Guid.Parse("0195f6a2-7c1e-7000-8000-00000000c001");
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    public static CreateCampaignRequest Request(PayoutRequest? payout = null, BudgetRequest? budget = null, decimal? holdoutPercent = null) => new(
        Guid.Parse("0195f6a2-7c1e-7000-8000-00000000a001"), "Spring sale", "search", "USD", "https://shop.example/landing",
        "https://shop.example/fallback", payout ?? new PayoutRequest("cpc", 0.5m, null, null), budget, null, null, null, holdoutPercent, null, null);

    public static CampaignCreated Created(CreateCampaignRequest? request = null, string timeZone = "UTC") =>
        CreateCampaign.Decide(CampaignRules.ToDefinition(request ?? Request()), CampaignId, timeZone, "pbt_first", T0);

    public static Campaign Given(CampaignCreated created, params object[] events) =>
        events.Aggregate(Campaign.Create(created), (c, e) => e switch
        {
            Launched_ x => c.Apply(x),
            CampaignRevised x => c.Apply(x),
            VariantAdded x => c.Apply(x),
            VariantChanged x => c.Apply(x),
            TrackingLinkAdded x => c.Apply(x),
            PostbackTokenRotated x => c.Apply(x),
            Paused_ x => c.Apply(x),
            Resumed_ x => c.Apply(x),
            Ended_ x => c.Apply(x),
            _ => throw new ArgumentException($"not a campaign event: {e.GetType().Name}"),
        });

    public static Campaign Given(params object[] events) => Given(Created(), events);

    public static object Launched(DateTimeOffset? at = null) => new Launched_(null!, at ?? T0);
    public static object Paused(string reason = StatusReasons.Manual, DateOnly? day = null) => new Paused_(reason, day, T0);
    public static object Resumed() => new Resumed_(StatusReasons.Manual, T0);
    public static object Ended() => new Ended_(StatusReasons.Manual, T0);

    public static Campaign Draft() => Given();
    public static Campaign Active() => Given(Launched());
    public static Campaign PausedManually() => Given(Launched(), Paused());
    public static Campaign EndedCampaign() => Given(Launched(), Ended());

    public static Campaign InState(string state) => state switch
    {
        "draft" => Draft(),
        "active" => Active(),
        "paused" => PausedManually(),
        "ended" => EndedCampaign(),
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static VariantTerms Variant(string name = "B", int weight = 100) =>
        new(Guid.NewGuid(), name, $"https://shop.example/{name.ToLowerInvariant()}", weight, false);
}
