namespace PerfSuite.EndToEndTests.Support;

/// <summary>Request bodies the scenarios share.</summary>
public static class Bodies
{
    public static object Campaign(string advertiserId, string name = "Spring sale", string payoutModel = "cpa", decimal? amount = 25m,
        decimal? percent = null, object? budget = null, string currency = "USD", string landingUrl = "https://shop.example/landing",
        string? fallbackUrl = "https://shop.example/fallback", object? attribution = null, decimal? holdoutPercent = null,
        object? caps = null, object? targets = null, string channel = "affiliate") =>
        new
        {
            advertiserId,
            name,
            channel,
            currency,
            landingUrl,
            fallbackUrl,
            payout = new { model = payoutModel, amount, percent },
            budget,
            caps,
            attribution,
            targets,
            holdoutPercent,
        };

    public static async Task<string> AdvertiserAsync(Api api, string name = "Acme Shoes")
    {
        var (status, body) = await api.PostAsync("/api/advertisers", new { name, website = "https://acme.example" });
        Assert.Equal(HttpStatusCode.Created, status);
        return body!["id"]!.GetValue<string>();
    }

    public static async Task<string> CampaignAsync(Api api, object body)
    {
        var (status, created) = await api.PostAsync("/api/campaigns", body);
        Assert.True(status == HttpStatusCode.Created, $"create campaign answered {status}: {created}");
        return created!["id"]!.GetValue<string>();
    }
}
