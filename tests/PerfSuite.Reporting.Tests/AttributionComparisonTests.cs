using PerfSuite.Contracts;
using PerfSuite.Reporting.Cube;
using PerfSuite.Reporting.Reports.Attribution;

namespace PerfSuite.Reporting.Tests;

public sealed class AttributionComparisonTests
{
    private static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = Guid.Parse("00000000-0000-0000-0000-00000000000c");
    private static readonly DateTimeOffset ConvertedAt = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static Touch TouchBy(Guid affiliate, int daysBefore) => new(Guid.NewGuid(), Guid.NewGuid(), affiliate, null, ConvertedAt.AddDays(-daysBefore));

    private static ReportedConversion Conversion(decimal amount, IReadOnlyList<Touch> touches, bool reversed = false) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "sale", amount, "USD", DateOnly.FromDateTime(ConvertedAt.UtcDateTime), ConvertedAt, null, null, false,
            touches, [], reversed);

    [Fact]
    public void Every_model_credits_the_same_journey_side_by_side()
    {
        // A journey A (10 days before) → B (5 days) → C (at conversion), $100.
        var rows = AttributionComparison(Conversion(100m, [TouchBy(A, 10), TouchBy(B, 5), TouchBy(C, 0)]));

        var a = rows.Single(r => r.AffiliateId == A.ToString());
        var b = rows.Single(r => r.AffiliateId == B.ToString());
        var c = rows.Single(r => r.AffiliateId == C.ToString());
        Assert.Equal((0m, 1m), (a.LastTouchConversions, c.LastTouchConversions));
        Assert.Equal((1m, 0m), (a.FirstTouchConversions, c.FirstTouchConversions));
        Assert.Equal((100m, 0m), (a.FirstTouchRevenue, b.FirstTouchRevenue));
        Assert.Equal((0.4m, 0.2m, 0.4m), (a.PositionBasedConversions, b.PositionBasedConversions, c.PositionBasedConversions));
        Assert.Equal((40m, 20m, 40m), (a.PositionBasedRevenue, b.PositionBasedRevenue, c.PositionBasedRevenue));
        Assert.Equal(1m, rows.Sum(r => r.LinearConversions));
        Assert.Equal(1m, rows.Sum(r => r.TimeDecayConversions));
        Assert.True(c.TimeDecayConversions > b.TimeDecayConversions && b.TimeDecayConversions > a.TimeDecayConversions);
    }

    [Fact]
    public void Reversed_conversions_and_touches_outside_the_window_do_not_count()
    {
        var rows = AttributionComparison(
            Conversion(50m, [TouchBy(A, 40), TouchBy(B, 1)]),
            Conversion(999m, [TouchBy(A, 1)], reversed: true));

        var b = Assert.Single(rows);
        Assert.Equal(B.ToString(), b.AffiliateId);
        Assert.Equal((1m, 50m, 1m, 50m), (b.FirstTouchConversions, b.FirstTouchRevenue, b.LastTouchConversions, b.LinearConversions * 50m));
    }

    private static IReadOnlyList<AttributionComparisonRow> AttributionComparison(params ReportedConversion[] conversions) =>
        GetAttributionComparison.Compare(new AttributionTerms("last_touch", 30, 7), conversions);
}
