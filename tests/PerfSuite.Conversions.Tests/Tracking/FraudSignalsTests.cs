using Microsoft.Extensions.Caching.Memory;
using PerfSuite.Conversions.Fraud;
using PerfSuite.Conversions.Tracking;

namespace PerfSuite.Conversions.Tests.Tracking;

public sealed class FraudSignalsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", true)]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0)", true)]
    [InlineData("Mozilla/5.0 HeadlessChrome/120.0", true)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Known_bot_user_agents_are_recognised(string? userAgent, bool bot) =>
        Assert.Equal(bot, FraudRules.Default.IsBot(userAgent));

    [Fact]
    public void A_tenant_can_replace_the_bot_markers()
    {
        var rules = FraudRules.Default with { BotUserAgents = ["MyScanner"] };
        Assert.True(rules.IsBot("myscanner/1.0"));
        Assert.False(rules.IsBot("Googlebot"));
    }

    [Fact]
    public void A_second_click_of_the_same_visitor_on_the_same_link_within_the_window_is_a_duplicate()
    {
        var guard = new DuplicateClickGuard(new MemoryCache(new MemoryCacheOptions()));
        var link = Guid.NewGuid();
        Assert.False(guard.IsDuplicate(link, "v1", 30, Now));
        Assert.True(guard.IsDuplicate(link, "v1", 30, Now.AddSeconds(29)));
        Assert.False(guard.IsDuplicate(link, "v2", 30, Now.AddSeconds(1)));
        Assert.False(guard.IsDuplicate(Guid.NewGuid(), "v1", 30, Now.AddSeconds(1)));
    }

    [Fact]
    public void After_the_window_the_same_visitor_counts_again_and_a_zero_window_disables_the_rule()
    {
        var guard = new DuplicateClickGuard(new MemoryCache(new MemoryCacheOptions()));
        var link = Guid.NewGuid();
        Assert.False(guard.IsDuplicate(link, "v1", 30, Now));
        Assert.False(guard.IsDuplicate(link, "v1", 30, Now.AddSeconds(31)));
        Assert.False(guard.IsDuplicate(link, "v9", 0, Now));
        Assert.False(guard.IsDuplicate(link, "v9", 0, Now));
    }
}
