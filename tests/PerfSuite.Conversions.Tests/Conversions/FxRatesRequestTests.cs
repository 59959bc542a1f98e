using System.Text.Json;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.Conversions.FxRates;

namespace PerfSuite.Conversions.Tests.Conversions;

public sealed class FxRatesRequestTests
{
    [Fact]
    public void The_api_json_shape_binds_rates_by_currency_code()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiHosting.Configure(options);
        var request = JsonSerializer.Deserialize<FxRatesRequest>("""{"base":"USD","rates":{"EUR":0.8}}""", options)!;
        Assert.Equal("USD", request.Base);
        Assert.Equal(0.8m, request.Rates!["EUR"]);
    }
}
