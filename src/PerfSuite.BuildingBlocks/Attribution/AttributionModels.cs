using PerfSuite.Contracts;

namespace PerfSuite.BuildingBlocks.Attribution;

/// <summary>
/// Splits the credit of one conversion over the visitor's touches (billable clicks). Pure: the same
/// touches, time, model and window always give the same credits, so Reporting can recompute every model
/// from the touches carried by <see cref="ConversionAttributed"/>.
/// Rules: a touch counts when it happened at or before the conversion and no more than windowDays before it
/// (both edges inclusive). Touches are ordered by time, ties broken by click id, so "first" and "last" are
/// well defined. Weights are rounded to <see cref="Decimals"/> places by largest remainder (the later touch
/// among equals), so the credits of a conversion sum to exactly 1.
/// </summary>
public static class AttributionModels
{
    public const string LastTouch = "last_touch";
    public const string FirstTouch = "first_touch";
    public const string Linear = "linear";
    public const string PositionBased = "position_based";
    public const string TimeDecay = "time_decay";

    public static readonly IReadOnlyList<string> All = [LastTouch, FirstTouch, Linear, PositionBased, TimeDecay];

    public const double DefaultHalfLifeDays = 7;
    public const int Decimals = 6;

    public static bool IsKnown(string? model) => model is not null && All.Contains(model);

    /// <summary>The touches that count for a conversion at <paramref name="conversionAt"/>, oldest first.</summary>
    public static IReadOnlyList<Touch> InWindow(IEnumerable<Touch> touches, DateTimeOffset conversionAt, int windowDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(windowDays);
        var from = conversionAt.AddDays(-windowDays);
        return touches
            .Where(t => t.ClickedAt <= conversionAt && t.ClickedAt >= from)
            .OrderBy(t => t.ClickedAt)
            .ThenBy(t => t.ClickId)
            .ToList();
    }

    /// <summary>The credits of one conversion; empty when no touch is inside the window.</summary>
    public static IReadOnlyList<Credit> Credit(
        string model, IEnumerable<Touch> touches, DateTimeOffset conversionAt, int windowDays, double? halfLifeDays = null)
    {
        if (!IsKnown(model)) throw new ArgumentException($"Unknown attribution model '{model}'.", nameof(model));
        var counted = InWindow(touches, conversionAt, windowDays);
        if (counted.Count == 0) return [];

        var raw = model switch
        {
            LastTouch => counted.Select((_, i) => i == counted.Count - 1 ? 1.0 : 0.0).ToArray(),
            FirstTouch => counted.Select((_, i) => i == 0 ? 1.0 : 0.0).ToArray(),
            Linear => counted.Select(_ => 1.0).ToArray(),
            PositionBased => PositionWeights(counted.Count),
            _ => DecayWeights(counted, halfLifeDays ?? DefaultHalfLifeDays),
        };
        var weights = Normalize(raw);
        return counted
            .Select((t, i) => new Credit(t.ClickId, t.LinkId, t.AffiliateId, t.VariantId, weights[i]))
            .Where(c => c.Weight != 0m)
            .ToList();
    }

    private static double[] PositionWeights(int count) => count switch
    {
        1 => [1.0],
        2 => [0.5, 0.5],
        _ => Enumerable.Range(0, count).Select(i => i == 0 || i == count - 1 ? 0.4 : 0.2 / (count - 2)).ToArray(),
    };

    private static double[] DecayWeights(IReadOnlyList<Touch> touches, double halfLifeDays)
    {
        if (!(halfLifeDays > 0) || double.IsInfinity(halfLifeDays))
            throw new ArgumentOutOfRangeException(nameof(halfLifeDays), halfLifeDays, "The half-life must be a positive number of days.");
        // 2^(-age/half-life) with age measured from the newest touch instead of the conversion: the common
        // factor cancels in the normalization, and a short half-life cannot underflow every weight to zero.
        var newest = touches[^1].ClickedAt;
        return touches.Select(t => Math.Pow(2, -(newest - t.ClickedAt).TotalDays / halfLifeDays)).ToArray();
    }

    /// <summary>Largest-remainder rounding to <see cref="Decimals"/> places: the result sums to exactly 1.</summary>
    private static decimal[] Normalize(double[] raw)
    {
        const double unitsPerOne = 1_000_000; // 10^Decimals
        var total = raw.Sum();
        var exact = raw.Select(w => w / total * unitsPerOne).ToArray();
        var units = exact.Select(x => (long)Math.Floor(x)).ToArray();
        var left = (long)unitsPerOne - units.Sum();
        var byRemainder = Enumerable.Range(0, raw.Length)
            .OrderByDescending(i => exact[i] - units[i])
            .ThenByDescending(i => i);
        foreach (var i in byRemainder.Take((int)left)) units[i]++;
        return units.Select(u => u / (decimal)unitsPerOne).ToArray();
    }
}
