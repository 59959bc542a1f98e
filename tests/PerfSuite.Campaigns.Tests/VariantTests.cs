using PerfSuite.BuildingBlocks.Campaigns;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.Campaigns.Campaigns;
using PerfSuite.Campaigns.Campaigns.Variants;
using static PerfSuite.Campaigns.Tests.CampaignHistory;

namespace PerfSuite.Campaigns.Tests;

public class VariantTests
{
    private static readonly DateTimeOffset Now = T0.AddHours(3);

    [Fact]
    public void Adding_a_variant_publishes_terms_that_contain_it()
    {
        var id = Guid.NewGuid();
        var added = Assert.IsType<VariantAdded>(Assert.Single(LandingVariants.Add(Active(), id, new AddVariantRequest(" B ", "https://shop.example/b", 50), Now)));
        Assert.Equal(new Contracts.VariantTerms(id, "B", "https://shop.example/b", 50, false), added.Variant);
        Assert.Equal([added.Variant], added.Terms.Variants);
    }

    [Fact]
    public void Variant_names_are_unique_per_campaign_ignoring_case()
    {
        var state = Given(Launched(), new VariantAdded(Variant("B"), null!, T0));
        var violation = Assert.Throws<DomainRuleViolation>(() => LandingVariants.Add(state, Guid.NewGuid(), new AddVariantRequest("b", "https://x.example", 1), Now));
        Assert.Equal("duplicate-variant", violation.Code);
    }

    [Fact]
    public void A_campaign_has_at_most_twenty_variants()
    {
        var state = Given([Launched(), .. Enumerable.Range(0, LandingVariants.MaxVariants).Select(i => new VariantAdded(Variant($"V{i}"), null!, T0))]);
        Assert.Equal("too-many-variants", Assert.Throws<DomainRuleViolation>(() =>
            LandingVariants.Add(state, Guid.NewGuid(), new AddVariantRequest("One more", "https://x.example", 1), Now)).Code);
    }

    [Fact]
    public void Pausing_a_variant_takes_it_out_of_assignment_and_resuming_brings_its_visitors_back()
    {
        var b = Variant("B");
        var state = Given(Launched(), new VariantAdded(b, null!, T0));
        var visitors = Enumerable.Range(0, 400).Select(i => $"v{i}").ToList();
        var onB = visitors.Where(v => VisitorAssignment.Assign(state.ToTerms(), v).Variant?.VariantId == b.VariantId).ToList();
        Assert.NotEmpty(onB);

        var paused = Assert.IsType<VariantChanged>(Assert.Single(LandingVariants.Change(state, b.VariantId, new ChangeVariantRequest(null, null, null, true), Now)));
        Assert.True(paused.Variant.Paused);
        Assert.All(visitors, v => Assert.Null(VisitorAssignment.Assign(paused.Terms, v).Variant));

        var resumed = Assert.IsType<VariantChanged>(Assert.Single(LandingVariants.Change(state.Apply(paused), b.VariantId, new ChangeVariantRequest(null, null, null, false), Now)));
        Assert.Equal(onB, visitors.Where(v => VisitorAssignment.Assign(resumed.Terms, v).Variant?.VariantId == b.VariantId));
    }

    [Fact]
    public void A_change_that_changes_nothing_appends_nothing_and_an_ended_campaign_refuses_variants()
    {
        var b = Variant("B");
        Assert.Empty(LandingVariants.Change(Given(Launched(), new VariantAdded(b, null!, T0)), b.VariantId, new ChangeVariantRequest("B", null, 100, false), Now));
        Assert.Equal("illegal-transition", Assert.Throws<DomainRuleViolation>(() =>
            LandingVariants.Add(EndedCampaign(), Guid.NewGuid(), new AddVariantRequest("C", "https://x.example", 1), Now)).Code);
    }

    [Theory]
    [InlineData(null, "https://x.example", 10, "name")]
    [InlineData("C", "not a url", 10, "landingUrl")]
    [InlineData("C", "https://x.example", null, "weight")]
    [InlineData("C", "https://x.example", 0, "weight")]
    [InlineData("C", "https://x.example", 10_001, "weight")]
    public void An_invalid_variant_is_refused_naming_the_field(string? name, string? url, int? weight, string field)
    {
        Assert.Contains(field, LandingVariants.Validate(new AddVariantRequest(name, url, weight)).Errors.Keys);
    }
}
