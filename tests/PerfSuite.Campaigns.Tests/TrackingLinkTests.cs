using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.Campaigns.Campaigns;
using PerfSuite.Campaigns.Campaigns.Links;
using PerfSuite.Contracts;
using static PerfSuite.Campaigns.Tests.CampaignHistory;

namespace PerfSuite.Campaigns.Tests;

public class TrackingLinkTests
{
    [Fact]
    public void Codes_are_ten_base62_characters_and_do_not_repeat()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => TrackingLinks.NewCode()).ToList();
        Assert.All(codes, c => Assert.Matches("^[0-9A-Za-z]{10}$", c));
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("active")]
    [InlineData("paused")]
    public void A_link_can_be_made_for_a_campaign_that_is_not_ended_and_joins_its_terms(string state)
    {
        var campaign = InState(state);
        var link = new TrackingLinkTerms(Guid.NewGuid(), TrackingLinks.NewCode(), Guid.NewGuid(), new Dictionary<string, string> { ["sub1"] = "spring" });
        var added = Assert.IsType<TrackingLinkAdded>(Assert.Single(TrackingLinks.Decide(campaign, link, T0)));
        Assert.Equal([link], campaign.Apply(added).ToTerms().Links);
    }

    [Fact]
    public void An_ended_campaign_gets_no_links()
    {
        var link = new TrackingLinkTerms(Guid.NewGuid(), TrackingLinks.NewCode(), Guid.NewGuid(), null);
        Assert.Equal("illegal-transition", Assert.Throws<DomainRuleViolation>(() => TrackingLinks.Decide(EndedCampaign(), link, T0)).Code);
    }

    [Theory]
    [InlineData(null, null, "affiliateId")]
    [InlineData("0195f6a2-7c1e-7000-8000-0000000000f1", "sub9", "subIds.sub9")]
    [InlineData("0195f6a2-7c1e-7000-8000-0000000000f1", "sub1", "subIds.sub1")]
    public void An_invalid_link_request_is_refused_naming_the_field(string? affiliateId, string? subKey, string field)
    {
        var subIds = subKey is null ? null : new Dictionary<string, string> { [subKey] = subKey == "sub1" ? new string('x', 101) : "v" };
        var request = new CreateTrackingLinkRequest(affiliateId is null ? null : Guid.Parse(affiliateId), subIds);
        Assert.Contains(field, TrackingLinks.Validate(request).Errors.Keys);
    }
}
