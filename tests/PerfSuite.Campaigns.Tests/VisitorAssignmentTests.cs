using PerfSuite.BuildingBlocks.Campaigns;
using PerfSuite.Contracts;

namespace PerfSuite.Campaigns.Tests;

public class VisitorAssignmentTests
{
    private static readonly Guid CampaignId = Guid.Parse("0195f6a2-7c1e-7000-8000-000000000001");
    private static readonly VariantTerms B = new(Guid.Parse("0195f6a2-7c1e-7000-8000-0000000000b0"), "B", "https://shop.example/b", 100, false);
    private static readonly VariantTerms C = new(Guid.Parse("0195f6a2-7c1e-7000-8000-0000000000c0"), "C", "https://shop.example/c", 100, false);

    private static CampaignTerms Terms(decimal holdoutPercent = 0, IReadOnlyList<VariantTerms>? variants = null, int controlWeight = 100) =>
        new(CampaignId, Guid.NewGuid(), "Spring", "search", "USD", "UTC", "https://shop.example/a", "https://shop.example/fallback",
            new PayoutTerms("cpc", 0.5m, null), null, null, new AttributionTerms("last_touch", 30, null), null,
            holdoutPercent, variants ?? [], [], "pbt_x", "active", ControlWeight: controlWeight);

    private static IEnumerable<string> Visitors(int count) => Enumerable.Range(0, count).Select(i => $"visitor-{i}");

    [Fact]
    public void Same_visitor_gets_the_same_arm_every_time_even_from_a_fresh_copy_of_the_terms()
    {
        foreach (var visitor in Visitors(500))
        {
            var first = VisitorAssignment.Assign(Terms(20, [B, C]), visitor);
            var again = VisitorAssignment.Assign(Terms(20, [B, C]), visitor);
            Assert.Equal(first, again);
        }
    }

    [Fact]
    public void Without_variants_or_holdout_everyone_goes_to_the_landing_url_as_control()
    {
        Assert.All(Visitors(200), v => Assert.Equal(new VisitorAssignment.Result(false, null, "https://shop.example/a"), VisitorAssignment.Assign(Terms(), v)));
    }

    [Fact]
    public void Holdout_takes_about_its_percent_sends_them_to_the_fallback_and_assigns_no_variant()
    {
        var results = Visitors(20_000).Select(v => VisitorAssignment.Assign(Terms(10, [B]), v)).ToList();
        var held = results.Where(r => r.Holdout).ToList();
        Assert.InRange(held.Count, 1_800, 2_200);
        Assert.All(held, r => { Assert.Null(r.Variant); Assert.Equal("https://shop.example/fallback", r.LandingUrl); });
    }

    [Fact]
    public void Holdout_membership_does_not_depend_on_variants_and_grows_monotonically_with_the_percent()
    {
        foreach (var visitor in Visitors(2_000))
        {
            var at10 = VisitorAssignment.Assign(Terms(10), visitor).Holdout;
            Assert.Equal(at10, VisitorAssignment.Assign(Terms(10, [B, C with { Paused = true }]), visitor).Holdout);
            if (at10) Assert.True(VisitorAssignment.Assign(Terms(25), visitor).Holdout);
        }
    }

    [Fact]
    public void Zero_holdout_holds_out_nobody_and_the_bucket_rule_is_exact()
    {
        Assert.DoesNotContain(Visitors(5_000), v => VisitorAssignment.Assign(Terms(0), v).Holdout);
        foreach (var visitor in Visitors(2_000))
            Assert.Equal(VisitorAssignment.HoldoutBucket(CampaignId, visitor) < 1250, VisitorAssignment.Assign(Terms(12.5m), visitor).Holdout);
    }

    [Fact]
    public void Arms_split_by_weight_with_the_landing_url_as_control()
    {
        var heavyC = C with { Weight = 200 };
        var results = Visitors(20_000).Select(v => VisitorAssignment.Assign(Terms(0, [B, heavyC], controlWeight: 100), v)).ToList();
        Assert.InRange(results.Count(r => r.Variant is null), 4_500, 5_500);
        Assert.InRange(results.Count(r => r.Variant?.VariantId == B.VariantId), 4_500, 5_500);
        Assert.InRange(results.Count(r => r.Variant?.VariantId == C.VariantId), 9_400, 10_600);
        Assert.All(results.Where(r => r.Variant is not null), r => Assert.Equal(r.Variant!.LandingUrl, r.LandingUrl));
        Assert.All(results.Where(r => r.Variant is null), r => Assert.Equal("https://shop.example/a", r.LandingUrl));
    }

    [Fact]
    public void A_paused_variant_gets_nobody_and_only_its_own_visitors_move()
    {
        var withAll = Visitors(3_000).ToDictionary(v => v, v => VisitorAssignment.Assign(Terms(0, [B, C]), v));
        var cPaused = Visitors(3_000).ToDictionary(v => v, v => VisitorAssignment.Assign(Terms(0, [B, C with { Paused = true }]), v));
        Assert.DoesNotContain(cPaused.Values, r => r.Variant?.VariantId == C.VariantId);
        var moved = withAll.Keys.Where(v => withAll[v].Variant?.VariantId != cPaused[v].Variant?.VariantId).ToList();
        Assert.NotEmpty(moved);
        Assert.All(moved, v => Assert.Equal(C.VariantId, withAll[v].Variant?.VariantId));
    }

    [Fact]
    public void Control_weight_zero_sends_everyone_to_variants_and_all_paused_falls_back_to_the_landing_url()
    {
        Assert.All(Visitors(500), v => Assert.NotNull(VisitorAssignment.Assign(Terms(0, [B, C], controlWeight: 0), v).Variant));
        Assert.All(Visitors(500), v => Assert.Equal(new VisitorAssignment.Result(false, null, "https://shop.example/a"),
            VisitorAssignment.Assign(Terms(0, [B with { Paused = true }], controlWeight: 0), v)));
    }

    [Fact]
    public void Different_campaigns_shuffle_visitors_independently()
    {
        var other = Terms(50) with { CampaignId = Guid.Parse("0195f6a2-7c1e-7000-8000-000000000002") };
        var sameDecision = Visitors(2_000).Count(v => VisitorAssignment.Assign(Terms(50), v).Holdout == VisitorAssignment.Assign(other, v).Holdout);
        Assert.InRange(sameDecision, 850, 1_150);
    }
}
