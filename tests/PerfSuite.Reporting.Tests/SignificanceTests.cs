using PerfSuite.Reporting.Reports.Experiments;
using PerfSuite.Reporting.Reports.Statistics;

namespace PerfSuite.Reporting.Tests;

public sealed class SignificanceTests
{
    [Fact]
    public void Two_proportion_z_test_matches_the_textbook_case()
    {
        // 200/1000 vs 250/1000: pooled p = 0.225, SE = √(0.225 × 0.775 × 0.002) = 0.018675, z = 0.05 / SE.
        var test = Significance.TwoProportion(200, 1000, 250, 1000)!;
        Assert.Equal(2.677398, test.Z, 6);
        Assert.Equal(0.0074196, test.PValue, 7);
        Assert.True(test.Significant);
    }

    [Fact]
    public void A_small_difference_is_not_significant()
    {
        var test = Significance.TwoProportion(50, 1000, 55, 1000)!;
        Assert.Equal(0.501286, test.Z, 6);
        Assert.Equal(0.616170, test.PValue, 6);
        Assert.False(test.Significant);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1.959963984540054, 0.05)]
    [InlineData(-1.959963984540054, 0.05)]
    [InlineData(2.575829303548901, 0.01)]
    [InlineData(3.290526731491926, 0.001)]
    public void Two_sided_p_values_match_normal_quantiles(double z, double p) => Assert.Equal(p, Significance.TwoSidedPValue(z), 9);

    [Fact]
    public void Z_test_is_undefined_without_trials_or_without_variance()
    {
        Assert.Null(Significance.TwoProportion(0, 0, 5, 100));
        Assert.Null(Significance.TwoProportion(0, 100, 0, 100));
    }

    [Fact]
    public void Holdout_lift_with_its_95_percent_intervals()
    {
        // Exposed 300/10,000 = 3%, holdout 20/1,000 = 2%. Relative lift 50%; log-ratio SE = √(0.97/300 + 0.98/20) = 0.228546.
        var lift = Significance.Holdout(300, 10_000, 20, 1_000);
        Assert.Equal(0.03, lift.ExposedCvr!.Value, 12);
        Assert.Equal(0.02, lift.HoldoutCvr!.Value, 12);
        Assert.Equal(0.01, lift.AbsoluteLift!.Value, 12);
        Assert.Equal(0.5, lift.RelativeLift!.Value, 12);
        Assert.Equal(-0.041588, lift.RelativeLiftInterval!.Lower, 6);
        Assert.Equal(1.347632, lift.RelativeLiftInterval.Upper, 6);
        Assert.Equal(0.000701, lift.AbsoluteLiftInterval!.Lower, 6);
        Assert.Equal(0.019299, lift.AbsoluteLiftInterval.Upper, 6);
        Assert.Equal(100, lift.IncrementalConversions!.Value, 9);
    }

    [Fact]
    public void Holdout_without_holdout_traffic_has_no_lift()
    {
        var lift = Significance.Holdout(30, 1000, 0, 0);
        Assert.Equal(0.03, lift.ExposedCvr!.Value, 12);
        Assert.Null(lift.HoldoutCvr);
        Assert.Null(lift.RelativeLift);
        Assert.Null(lift.RelativeLiftInterval);
        Assert.Null(lift.IncrementalConversions);
    }

    [Fact]
    public void Holdout_without_holdout_conversions_has_no_relative_lift()
    {
        var lift = Significance.Holdout(30, 1000, 0, 100);
        Assert.Equal(0.03, lift.AbsoluteLift!.Value, 12);
        Assert.Null(lift.RelativeLift);
        Assert.Null(lift.RelativeLiftInterval);
    }

    [Fact]
    public void Experiment_verdicts_in_plain_words()
    {
        var results = GetExperiment.Evaluate([
            new VariantCounts("a", "A", 1000, 200),
            new VariantCounts("b", "B", 1000, 250),
            new VariantCounts("c", "C", 1000, 150),
            new VariantCounts("d", "D", 1000, 205),
            new VariantCounts("e", "E", 30, 3),
        ]);

        Assert.Equal(["control", "B beats A", "A beats C", GetExperiment.NoDifference, GetExperiment.NotEnoughData], results.Select(r => r.Verdict));
        Assert.True(results[0].Control);
        Assert.Equal(0.2, results[0].Cvr!.Value, 12);
        Assert.Equal(0.25, results[1].LiftVsControl!.Value, 12);
        Assert.Equal(2.677398, results[1].Z!.Value, 6);
        Assert.Equal(0.0074196, results[1].PValue!.Value, 7);
        Assert.True(results[1].Significant);
        Assert.False(results[3].Significant);
    }
}
