using MathNet.Numerics;

namespace PerfSuite.Reporting.Reports.Statistics;

public sealed record ZTest(double Z, double PValue, bool Significant);

public sealed record LiftInterval(double Lower, double Upper);

public sealed record HoldoutLift(
    double? ExposedCvr,
    double? HoldoutCvr,
    double? AbsoluteLift,
    LiftInterval? AbsoluteLiftInterval,
    double? RelativeLift,
    LiftInterval? RelativeLiftInterval,
    double? IncrementalConversions);

/// <summary>The statistics behind experiment and holdout reports, at 95% confidence (two-sided).</summary>
public static class Significance
{
    public const double Alpha = 0.05;
    /// <summary>The 97.5th percentile of the standard normal distribution.</summary>
    public const double Z95 = 1.959963984540054;
    /// <summary>The normal approximation needs this many successes and failures in each group.</summary>
    public const double MinimumOutcomesPerGroup = 10;

    /// <summary>Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|) = erfc(|z|/√2).</summary>
    public static double TwoSidedPValue(double z) => SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2));

    /// <summary>
    /// Two-proportion z-test with the pooled standard error, treatment (x2/n2) against control (x1/n1).
    /// Null when it cannot be computed (a group without trials, or nobody or everybody converted).
    /// </summary>
    public static ZTest? TwoProportion(double x1, double n1, double x2, double n2)
    {
        if (n1 <= 0 || n2 <= 0) return null;
        var pooled = (x1 + x2) / (n1 + n2);
        var se = Math.Sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
        if (se == 0) return null;
        var z = (x2 / n2 - x1 / n1) / se;
        var p = TwoSidedPValue(z);
        return new ZTest(z, p, p < Alpha);
    }

    /// <summary>Whether both groups have enough conversions and non-conversions for the normal approximation.</summary>
    public static bool EnoughData(double x1, double n1, double x2, double n2) =>
        x1 >= MinimumOutcomesPerGroup && n1 - x1 >= MinimumOutcomesPerGroup &&
        x2 >= MinimumOutcomesPerGroup && n2 - x2 >= MinimumOutcomesPerGroup;

    /// <summary>
    /// Exposed vs holdout: CVRs, absolute lift with a Wald (unpooled) 95% interval, relative lift
    /// (CVR exposed − CVR holdout) / CVR holdout with a 95% interval from the log risk ratio (Katz:
    /// SE = √((1−p₁)/x₁ + (1−p₀)/x₀), bounds exp(ln RR ± 1.96·SE) − 1), and incremental conversions
    /// = exposed clicks × (CVR exposed − CVR holdout).
    /// </summary>
    public static HoldoutLift Holdout(double exposedConversions, double exposedClicks, double holdoutConversions, double holdoutClicks)
    {
        double? pe = exposedClicks > 0 ? exposedConversions / exposedClicks : null;
        double? ph = holdoutClicks > 0 ? holdoutConversions / holdoutClicks : null;
        if (pe is not { } p1 || ph is not { } p0) return new HoldoutLift(pe, ph, null, null, null, null, null);

        var absolute = p1 - p0;
        var absoluteSe = Math.Sqrt(p1 * (1 - p1) / exposedClicks + p0 * (1 - p0) / holdoutClicks);
        var absoluteInterval = new LiftInterval(absolute - Z95 * absoluteSe, absolute + Z95 * absoluteSe);
        double? relative = p0 > 0 ? absolute / p0 : null;
        LiftInterval? relativeInterval = null;
        if (p0 > 0 && p1 > 0)
        {
            var logRatio = Math.Log(p1 / p0);
            var se = Math.Sqrt((1 - p1) / exposedConversions + (1 - p0) / holdoutConversions);
            relativeInterval = new LiftInterval(Math.Exp(logRatio - Z95 * se) - 1, Math.Exp(logRatio + Z95 * se) - 1);
        }
        return new HoldoutLift(p1, p0, absolute, absoluteInterval, relative, relativeInterval, exposedClicks * absolute);
    }
}
