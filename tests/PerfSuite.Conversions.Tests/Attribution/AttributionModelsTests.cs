using PerfSuite.BuildingBlocks.Attribution;
using PerfSuite.Contracts;

namespace PerfSuite.Conversions.Tests.Attribution;

public sealed class AttributionModelsTests
{
    private static readonly DateTimeOffset ConversionAt = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static Touch TouchAt(double daysBefore, int id)
    {
        var clickId = new Guid(id, 0, 0, new byte[8]);
        return new Touch(clickId, Guid.NewGuid(), new Guid(id, 1, 1, new byte[8]), null, ConversionAt.AddDays(-daysBefore));
    }

    private static IReadOnlyList<Credit> Credit(string model, int window, params Touch[] touches) =>
        AttributionModels.Credit(model, touches, ConversionAt, window);

    public static TheoryData<string> Models() => new(AttributionModels.All);

    [Theory, MemberData(nameof(Models))]
    public void No_touch_gives_no_credit(string model) => Assert.Empty(Credit(model, 30));

    [Theory, MemberData(nameof(Models))]
    public void One_touch_gets_all_the_credit(string model)
    {
        var touch = TouchAt(3, 1);
        var credit = Assert.Single(Credit(model, 30, touch));
        Assert.Equal(touch.ClickId, credit.ClickId);
        Assert.Equal(touch.AffiliateId, credit.AffiliateId);
        Assert.Equal(touch.LinkId, credit.LinkId);
        Assert.Equal(1m, credit.Weight);
    }

    [Theory, MemberData(nameof(Models))]
    public void Credits_sum_to_exactly_one_for_any_number_of_touches(string model)
    {
        for (var n = 1; n <= 17; n++)
        {
            var touches = Enumerable.Range(1, n).Select(i => TouchAt(i * 0.7, i)).ToArray();
            var credits = Credit(model, 30, touches);
            Assert.Equal(1m, credits.Sum(c => c.Weight));
            Assert.All(credits, c => Assert.InRange(c.Weight, 0m, 1m));
        }
    }

    [Theory, MemberData(nameof(Models))]
    public void Touches_outside_the_window_or_after_the_conversion_count_for_nothing(string model)
    {
        var inside = TouchAt(5, 1);
        var tooOld = TouchAt(7.0001, 2);
        var afterConversion = TouchAt(-0.01, 3);
        var credit = Assert.Single(Credit(model, 7, inside, tooOld, afterConversion));
        Assert.Equal(inside.ClickId, credit.ClickId);
    }

    [Theory, MemberData(nameof(Models))]
    public void Window_edges_are_inclusive(string model)
    {
        var exactlyWindowOld = TouchAt(7, 1);
        var atConversion = TouchAt(0, 2);
        var credits = Credit(model, 7, exactlyWindowOld, atConversion);
        Assert.Equal(1m, credits.Sum(c => c.Weight));
        Assert.Equal(model is AttributionModels.LastTouch or AttributionModels.FirstTouch ? 1 : 2, credits.Count);
    }

    [Fact]
    public void Last_touch_credits_the_latest_click_whatever_the_input_order()
    {
        var (old, mid, latest) = (TouchAt(9, 1), TouchAt(4, 2), TouchAt(1, 3));
        var credit = Assert.Single(Credit(AttributionModels.LastTouch, 30, latest, old, mid));
        Assert.Equal(latest.ClickId, credit.ClickId);
    }

    [Fact]
    public void First_touch_credits_the_earliest_click_inside_the_window()
    {
        var (outside, first, later) = (TouchAt(40, 1), TouchAt(20, 2), TouchAt(1, 3));
        var credit = Assert.Single(Credit(AttributionModels.FirstTouch, 30, later, outside, first));
        Assert.Equal(first.ClickId, credit.ClickId);
    }

    [Fact]
    public void Ties_in_time_are_broken_by_click_id_in_every_model()
    {
        var a = TouchAt(2, 1) with { ClickedAt = ConversionAt.AddDays(-2) };
        var b = TouchAt(2, 2) with { ClickedAt = ConversionAt.AddDays(-2) };
        Assert.Equal(b.ClickId, Assert.Single(Credit(AttributionModels.LastTouch, 30, b, a)).ClickId);
        Assert.Equal(a.ClickId, Assert.Single(Credit(AttributionModels.FirstTouch, 30, b, a)).ClickId);
        Assert.Equal([0.5m, 0.5m], Credit(AttributionModels.TimeDecay, 30, b, a).Select(c => c.Weight));
        Assert.Equal(Credit(AttributionModels.Linear, 30, a, b), Credit(AttributionModels.Linear, 30, b, a));
    }

    [Fact]
    public void Linear_splits_evenly_and_gives_the_rounding_unit_to_the_latest_touch()
    {
        var credits = Credit(AttributionModels.Linear, 30, TouchAt(3, 1), TouchAt(2, 2), TouchAt(1, 3));
        Assert.Equal([0.333333m, 0.333333m, 0.333334m], credits.Select(c => c.Weight));
    }

    [Fact]
    public void Position_based_with_two_touches_is_half_and_half()
    {
        var credits = Credit(AttributionModels.PositionBased, 30, TouchAt(3, 1), TouchAt(1, 2));
        Assert.Equal([0.5m, 0.5m], credits.Select(c => c.Weight));
    }

    [Fact]
    public void Position_based_gives_forty_percent_to_first_and_last_and_shares_twenty_in_the_middle()
    {
        var three = Credit(AttributionModels.PositionBased, 30, TouchAt(3, 1), TouchAt(2, 2), TouchAt(1, 3));
        Assert.Equal([0.4m, 0.2m, 0.4m], three.Select(c => c.Weight));

        var five = Credit(AttributionModels.PositionBased, 30, TouchAt(5, 1), TouchAt(4, 2), TouchAt(3, 3), TouchAt(2, 4), TouchAt(1, 5));
        Assert.Equal([0.4m, 0.066666m, 0.066667m, 0.066667m, 0.4m], five.Select(c => c.Weight));
    }

    [Fact]
    public void Time_decay_halves_the_weight_per_half_life()
    {
        var credits = AttributionModels.Credit(AttributionModels.TimeDecay, [TouchAt(14, 1), TouchAt(7, 2), TouchAt(0, 3)], ConversionAt, 30, 7);
        // Raw weights 1/4, 1/2, 1 → normalized 1/7, 2/7, 4/7.
        Assert.Equal([0.142857m, 0.285714m, 0.571429m], credits.Select(c => c.Weight));
    }

    [Fact]
    public void Time_decay_defaults_to_a_seven_day_half_life()
    {
        Touch[] touches = [TouchAt(7, 1), TouchAt(0, 2)];
        Assert.Equal(
            AttributionModels.Credit(AttributionModels.TimeDecay, touches, ConversionAt, 30, 7),
            AttributionModels.Credit(AttributionModels.TimeDecay, touches, ConversionAt, 30));
        Assert.Equal([0.333333m, 0.666667m], AttributionModels.Credit(AttributionModels.TimeDecay, touches, ConversionAt, 30).Select(c => c.Weight));
    }

    [Fact]
    public void Time_decay_with_a_tiny_half_life_still_sums_to_one()
    {
        var credits = AttributionModels.Credit(AttributionModels.TimeDecay, [TouchAt(29, 1), TouchAt(28, 2)], ConversionAt, 30, 0.001);
        Assert.Equal(1m, credits.Sum(c => c.Weight));
        Assert.Equal(TouchAt(28, 2).ClickId, Assert.Single(credits).ClickId);
    }

    [Fact]
    public void Credits_carry_each_touch_link_affiliate_and_variant()
    {
        var variant = Guid.NewGuid();
        var touch = TouchAt(1, 7) with { VariantId = variant };
        var credit = Assert.Single(Credit(AttributionModels.Linear, 30, touch));
        Assert.Equal(new Credit(touch.ClickId, touch.LinkId, touch.AffiliateId, variant, 1m), credit);
    }

    [Fact]
    public void Unknown_model_negative_window_and_bad_half_life_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Credit("u_shaped", 30, TouchAt(1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Credit(AttributionModels.Linear, -1, TouchAt(1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            AttributionModels.Credit(AttributionModels.TimeDecay, [TouchAt(1, 1)], ConversionAt, 30, 0));
    }

    [Fact]
    public void A_zero_day_window_counts_only_touches_at_the_conversion_instant()
    {
        var now = TouchAt(0, 1);
        var credit = Assert.Single(Credit(AttributionModels.LastTouch, 0, TouchAt(0.001, 2), now));
        Assert.Equal(now.ClickId, credit.ClickId);
    }
}
