using JasperFx.Events;
using PerfSuite.Campaigns.Campaigns;
using PerfSuite.Campaigns.Campaigns.Links;
using PerfSuite.Campaigns.Campaigns.PostbackTokens;
using PerfSuite.Campaigns.Campaigns.Variants;
using PerfSuite.Contracts;
using static PerfSuite.Campaigns.Tests.CampaignHistory;

namespace PerfSuite.Campaigns.Tests;

public class IntegrationEventTests
{
    private static readonly DateTimeOffset Now = T0.AddHours(4);
    private static readonly CampaignsIntegrationEvents Translator = new();

    private static List<IIntegrationEvent> Translate(object data) =>
        Translator.Translate(new Event<object>(data) { StreamId = CampaignId }).ToList();

    [Fact]
    public void Changes_to_a_draft_stay_private_and_changes_to_a_launched_campaign_go_out_with_the_full_terms()
    {
        var variant = new AddVariantRequest("B", "https://shop.example/b", 10);
        Assert.Empty(Translate(LandingVariants.Add(Draft(), Guid.NewGuid(), variant, Now).Single()));

        var updated = Assert.IsType<CampaignUpdated>(Assert.Single(Translate(LandingVariants.Add(Active(), Guid.NewGuid(), variant, Now).Single())));
        Assert.Equal("B", Assert.Single(updated.Campaign.Variants).Name);
        Assert.Equal(Now, updated.UpdatedAt);
    }

    [Fact]
    public void A_rotated_postback_token_reaches_the_conversion_path_and_the_old_one_is_gone()
    {
        var rotated = Assert.IsType<PostbackTokenRotated>(RotatePostbackToken.Decide(Active(), "pbt_second", Now).Single());
        var updated = Assert.IsType<CampaignUpdated>(Assert.Single(Translate(rotated)));
        Assert.Equal("pbt_second", updated.Campaign.PostbackToken);
        Assert.Equal("pbt_second", Active().Apply(rotated).PostbackToken);
    }

    [Fact]
    public void Lifecycle_events_and_links_are_published_with_the_campaign_id()
    {
        Assert.Equal(new Contracts.CampaignPaused(CampaignId, "budget_exhausted", Now),
            Assert.Single(Translate(new PerfSuite.Campaigns.Campaigns.CampaignPaused("budget_exhausted", null, Now))));
        Assert.Equal(new Contracts.CampaignResumed(CampaignId, "next_day", Now),
            Assert.Single(Translate(new PerfSuite.Campaigns.Campaigns.CampaignResumed("next_day", Now))));
        Assert.Equal(new Contracts.CampaignEnded(CampaignId, "manual", Now),
            Assert.Single(Translate(new PerfSuite.Campaigns.Campaigns.CampaignEnded("manual", Now))));

        var link = new TrackingLinkTerms(Guid.NewGuid(), TrackingLinks.NewCode(), Guid.NewGuid(), null);
        var added = Assert.IsType<TrackingLinkAdded>(TrackingLinks.Decide(Draft(), link, Now).Single());
        Assert.Equal(new TrackingLinkCreated(CampaignId, link, Now), Assert.Single(Translate(added)));
    }
}
