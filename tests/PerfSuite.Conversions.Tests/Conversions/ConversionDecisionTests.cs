using PerfSuite.Contracts;
using PerfSuite.Conversions.Conversions;
using PerfSuite.Conversions.Fraud;
using PerfSuite.Conversions.FxRates;
using PerfSuite.Conversions.Tracking;

namespace PerfSuite.Conversions.Tests.Conversions;

public sealed class ConversionDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly FxRateTable Rates = new(FxRateTable.DocumentId, "USD", new Dictionary<string, decimal> { ["EUR"] = 0.8m, ["GBP"] = 0.5m }, Now);

    private static StoredClick Click(CampaignTerms campaign, double hoursBefore, bool billable = true, bool holdout = false, Guid? affiliate = null) =>
        new(Guid.NewGuid(), "t", campaign.CampaignId, Terms.Link.LinkId, affiliate ?? Terms.Affiliate, null, "v1",
            Now.AddHours(-hoursBefore), DateOnly.FromDateTime(Now.AddHours(-hoursBefore).UtcDateTime), billable, holdout, null, 0.5m);

    private static ConversionFacts Facts(CampaignTerms? campaign, IReadOnlyList<StoredClick> clicks, decimal? amount = 100m, string? currency = null,
        FxRateTable? rates = null, int campaignToday = 0, Dictionary<Guid, int>? affiliateToday = null, bool holdout = false, Guid? lead = null) =>
        new(Guid.NewGuid(), "sale", amount, currency, "o-1", "c-1", "v1", Now, campaign, TimeZoneInfo.Utc, clicks, holdout, rates,
            FraudRules.Default, campaignToday, affiliateToday ?? [], lead);

    private static ConversionAttributed Attributed(object decision) => Assert.IsType<AttributionRecorded>(decision).Conversion;
    private static ConversionRejected Rejected(object decision) => Assert.IsType<RejectionRecorded>(decision).Conversion;

    [Fact]
    public void Attributes_to_the_billable_touch_with_the_campaign_terms()
    {
        var campaign = Terms.Campaign();
        var click = Click(campaign, 2);
        var lead = Guid.NewGuid();
        var c = Attributed(ConversionDecision.Decide(Facts(campaign, [click], lead: lead)));
        var credit = Assert.Single(c.Credits);
        Assert.Equal((click.ClickId, Terms.Affiliate, 1m), (credit.ClickId, credit.AffiliateId, credit.Weight));
        Assert.Equal(click.ClickId, Assert.Single(c.Touches).ClickId);
        Assert.Equal((100m, "USD", true, "last_touch", "affiliate", lead), (c.Amount, c.Currency, c.Payable, c.Model, c.Channel, c.LeadConversionId));
        Assert.Empty(c.Flags);
        Assert.Equal(campaign.Payout, c.Payout);
    }

    [Fact]
    public void Non_billable_clicks_are_not_touches()
    {
        var campaign = Terms.Campaign(model: "linear");
        var billable = Click(campaign, 3);
        var c = Attributed(ConversionDecision.Decide(Facts(campaign, [billable, Click(campaign, 1, billable: false)])));
        Assert.Equal(billable.ClickId, Assert.Single(c.Credits).ClickId);
    }

    [Fact]
    public void An_unknown_campaign_is_rejected()
    {
        Assert.Equal(RejectionReasons.UnknownCampaign, Rejected(ConversionDecision.Decide(Facts(null, []))).Reason);
    }

    [Fact]
    public void Without_a_touch_it_is_rejected_and_a_touch_outside_the_window_says_so()
    {
        var campaign = Terms.Campaign(windowDays: 1);
        Assert.Equal(RejectionReasons.NoTouch, Rejected(ConversionDecision.Decide(Facts(campaign, []))).Reason);
        Assert.Equal(RejectionReasons.NoTouch, Rejected(ConversionDecision.Decide(Facts(campaign, [Click(campaign, 2, billable: false)]))).Reason);
        Assert.Equal(RejectionReasons.OutsideWindow, Rejected(ConversionDecision.Decide(Facts(campaign, [Click(campaign, 25)]))).Reason);
    }

    [Fact]
    public void Another_currency_is_converted_with_the_tenant_rate()
    {
        var campaign = Terms.Campaign();
        var c = Attributed(ConversionDecision.Decide(Facts(campaign, [Click(campaign, 2)], amount: 80m, currency: "EUR", rates: Rates)));
        Assert.Equal((100m, "USD", 80m, "EUR"), (c.Amount, c.Currency, c.OriginalAmount, c.OriginalCurrency));
    }

    [Fact]
    public void A_cross_rate_goes_through_the_base_currency()
    {
        Assert.Equal(80m, Rates.Convert(50m, "GBP", "EUR")); // 50 GBP = 100 USD = 80 EUR
        Assert.Equal(50m, Rates.Convert(50m, "GBP", "GBP"));
        Assert.Null(Rates.Convert(50m, "JPY", "USD"));
    }

    [Fact]
    public void Another_currency_without_a_rate_is_rejected_with_no_fx_rate_never_added_as_is()
    {
        var campaign = Terms.Campaign();
        Assert.Equal(RejectionReasons.NoFxRate, Rejected(ConversionDecision.Decide(Facts(campaign, [Click(campaign, 2)], currency: "JPY", rates: Rates))).Reason);
        Assert.Equal(RejectionReasons.NoFxRate, Rejected(ConversionDecision.Decide(Facts(campaign, [Click(campaign, 2)], currency: "EUR", rates: null))).Reason);
    }

    [Fact]
    public void A_conversion_faster_than_the_threshold_after_its_click_is_flagged_and_not_payable()
    {
        var campaign = Terms.Campaign();
        var fast = Click(campaign, 1.0 / 3600); // one second before
        var c = Attributed(ConversionDecision.Decide(Facts(campaign, [fast])));
        Assert.Equal([FraudReasons.FastConversion], c.Flags);
        Assert.False(c.Payable);
        Assert.Single(c.Credits);
    }

    [Fact]
    public void Past_the_campaign_daily_cap_it_is_recorded_as_capped_and_not_payable()
    {
        var campaign = Terms.Campaign(caps: new CapTerms(2, null));
        Assert.True(Attributed(ConversionDecision.Decide(Facts(campaign, [Click(campaign, 2)], campaignToday: 1))).Payable);
        var capped = Attributed(ConversionDecision.Decide(Facts(campaign, [Click(campaign, 2)], campaignToday: 2)));
        Assert.Equal([FraudReasons.Capped], capped.Flags);
        Assert.False(capped.Payable);
    }

    [Fact]
    public void Past_an_affiliate_daily_cap_it_is_capped_for_that_affiliate_only()
    {
        var campaign = Terms.Campaign(caps: new CapTerms(null, 1));
        var other = Guid.NewGuid();
        var c = Attributed(ConversionDecision.Decide(Facts(campaign, [Click(campaign, 2, affiliate: other)],
            affiliateToday: new() { [Terms.Affiliate] = 1, [other] = 0 })));
        Assert.True(c.Payable);
        var capped = Attributed(ConversionDecision.Decide(Facts(campaign, [Click(campaign, 2)],
            affiliateToday: new() { [Terms.Affiliate] = 1 })));
        Assert.Equal([FraudReasons.AffiliateCapped], capped.Flags);
    }

    [Fact]
    public void A_holdout_visitor_converts_without_credits_and_is_never_payable()
    {
        var campaign = Terms.Campaign();
        var c = Attributed(ConversionDecision.Decide(Facts(campaign, [Click(campaign, 2, billable: false, holdout: true)], holdout: true)));
        Assert.True(c.Holdout);
        Assert.False(c.Payable);
        Assert.Empty(c.Credits);
        Assert.Empty(c.Touches);
    }

    [Fact]
    public void The_day_is_the_campaign_time_zone_day()
    {
        var campaign = Terms.Campaign() with { TimeZone = "Asia/Tokyo" };
        var late = Facts(campaign, [Click(campaign, 2)]) with
        {
            OccurredAt = new DateTimeOffset(2026, 3, 10, 20, 0, 0, TimeSpan.Zero),
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"),
            VisitorClicks = [Click(campaign, 2) with { ClickedAt = new DateTimeOffset(2026, 3, 10, 18, 0, 0, TimeSpan.Zero) }],
        };
        Assert.Equal(new DateOnly(2026, 3, 11), Attributed(ConversionDecision.Decide(late)).Day);
    }
}
