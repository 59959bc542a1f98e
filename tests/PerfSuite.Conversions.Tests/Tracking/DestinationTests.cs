using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using PerfSuite.Conversions.Tracking;

namespace PerfSuite.Conversions.Tests.Tracking;

public sealed class DestinationTests
{
    private static readonly Guid ClickId = Guid.Parse("0195f000-0000-7000-8000-000000000001");

    private static IQueryCollection Query(params (string, string)[] pairs) =>
        new QueryCollection(pairs.ToDictionary(p => p.Item1, p => new StringValues(p.Item2)));

    [Fact]
    public void Appends_click_id_and_passes_utm_and_sub_ids_through_encoded()
    {
        var url = TrackingEndpoints.Destination("https://shop.example/p?ref=1#top", ClickId,
            Query(("utm_source", "news letter"), ("sub1", "a&b"), ("vid", "visitor"), ("other", "x")));
        Assert.Equal("https://shop.example/p?ref=1&click_id=0195f000-0000-7000-8000-000000000001&utm_source=news%20letter&sub1=a%26b#top", url);
    }

    [Fact]
    public void Starts_the_query_when_the_landing_url_has_none()
    {
        Assert.Equal("https://shop.example/?click_id=0195f000-0000-7000-8000-000000000001",
            TrackingEndpoints.Destination("https://shop.example/", ClickId, Query()));
    }
}
