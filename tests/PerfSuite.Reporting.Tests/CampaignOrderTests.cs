using PerfSuite.Contracts;
using PerfSuite.Reporting.Campaigns;

namespace PerfSuite.Reporting.Tests;

/// <summary>Launches and updates reach Reporting through separate queues, in either order.</summary>
public sealed class CampaignOrderTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DateTimeOffset LaunchTime = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset UpdateTime = LaunchTime.AddHours(2);

    private static CampaignTerms Terms(string name) => new(Id, Guid.NewGuid(), name, "search", "USD", "UTC", "https://shop.example", null,
        new PayoutTerms("cpa", 10m, null), null, null, new AttributionTerms("last_touch", 30, null), null, 0m, [], [], "token", "active");

    private static readonly CampaignLaunched Launch = new(Terms("Spring"), LaunchTime);
    private static readonly CampaignUpdated Rename = new(Terms("Spring (renamed)"), UpdateTime);

    [Fact]
    public void Given_nothing_when_launched_then_the_launch_terms_and_time()
    {
        var campaign = ReportCampaign.Launched(null, Launch);
        Assert.Equal(("Spring", LaunchTime, LaunchTime), (campaign.Name, campaign.LaunchedAt, campaign.TermsAsOf));
    }

    [Fact]
    public void Given_launched_when_updated_then_the_new_terms_and_the_launch_time()
    {
        var campaign = ReportCampaign.Updated(ReportCampaign.Launched(null, Launch), Rename)!;
        Assert.Equal(("Spring (renamed)", LaunchTime, UpdateTime), (campaign.Name, campaign.LaunchedAt, campaign.TermsAsOf));
    }

    [Fact]
    public void Given_an_update_that_arrived_first_when_the_launch_arrives_then_the_update_terms_stay_and_the_launch_time_is_set()
    {
        var early = ReportCampaign.Updated(null, Rename)!;
        Assert.Equal(UpdateTime, early.LaunchedAt);

        var campaign = ReportCampaign.Launched(early, Launch);

        Assert.Equal(("Spring (renamed)", LaunchTime, UpdateTime), (campaign.Name, campaign.LaunchedAt, campaign.TermsAsOf));
    }

    [Fact]
    public void Given_newer_terms_when_an_older_update_arrives_then_nothing_changes()
    {
        var newer = ReportCampaign.Updated(ReportCampaign.Launched(null, Launch), Rename)!;
        var older = new CampaignUpdated(Terms("Spring (draft name)"), LaunchTime.AddHours(1));

        Assert.Null(ReportCampaign.Updated(newer, older));
    }

    [Fact]
    public void Given_launched_when_the_launch_is_redelivered_then_it_is_unchanged()
    {
        var launched = ReportCampaign.Launched(null, Launch);
        Assert.Equal(launched, ReportCampaign.Launched(launched, Launch));
    }
}
