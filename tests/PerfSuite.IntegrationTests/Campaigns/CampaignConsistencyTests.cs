extern alias campaigns;

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Contracts;
using PerfSuite.IntegrationTests.Foundation;
using PerfSuite.Testing;
using KnownAffiliate = campaigns::PerfSuite.Campaigns.Affiliates.KnownAffiliate;
using DomainPaused = campaigns::PerfSuite.Campaigns.Campaigns.CampaignPaused;
using Headers = PerfSuite.BuildingBlocks.Messaging.MessageHeaders;

namespace PerfSuite.IntegrationTests.Campaigns;

/// <summary>The Campaigns service against real PostgreSQL and RabbitMQ: optimistic concurrency and the spend consumer under concurrency.</summary>
public sealed class CampaignConsistencyTests : IAsyncLifetime
{
    private readonly string _tenant = Guid.NewGuid().ToString("N");
    private ServiceHost<campaigns::Program> _host = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _host = new ServiceHost<campaigns::Program>(
            await TestInfrastructure.CreateDatabaseAsync("perfsuite_campaigns"),
            await TestInfrastructure.CreateVirtualHostAsync("campaigns"),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
        _api = _host.ClientFor(new CallerIdentity(_tenant, Roles.Admin, null, "UTC", "USD"));
        var bus = _host.Services.GetRequiredService<IBusControl>();
        Assert.Equal(BusHealthStatus.Healthy, await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30)));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> LaunchedCampaignAsync(object? budget = null)
    {
        var advertiser = await _api.PostAsJsonAsync("/api/advertisers", new { name = "Acme" });
        var advertiserId = (await advertiser.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
        var created = await _api.PostAsJsonAsync("/api/campaigns", new
        {
            advertiserId, name = "Spring", channel = "search", currency = "USD", landingUrl = "https://acme.example",
            fallbackUrl = "https://acme.example/sorry", payout = new { model = "cpc", amount = 1m }, budget,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await _api.PostAsync($"/api/campaigns/{id}/launch", null)).StatusCode);
        return id;
    }

    private Task Publish<T>(T message, Guid? messageId = null) where T : class =>
        _host.Services.GetRequiredService<IBus>().Publish(message, ctx =>
        {
            ctx.MessageId = messageId ?? Guid.NewGuid();
            ctx.Headers.Set(Headers.Tenant, _tenant);
        });

    private async Task<KnownAffiliate?> KnownAsync(Guid affiliateId)
    {
        await using var session = _host.Services.GetRequiredService<IDocumentStore>().QuerySession(_tenant);
        return await session.LoadAsync<KnownAffiliate>(affiliateId);
    }

    private Task<JsonNode> CampaignAsync(string id) => _api.GetFromJsonAsync<JsonNode>($"/api/campaigns/{id}")!;

    [Fact]
    public async Task Two_patches_racing_with_the_same_If_Match_one_wins_and_the_other_gets_412()
    {
        var id = await LaunchedCampaignAsync();
        HttpRequestMessage Patch(string name) => new(HttpMethod.Patch, $"/api/campaigns/{id}")
        {
            Content = JsonContent.Create(new { name }),
            Headers = { { "If-Match", "\"2\"" } },
        };

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => _api.SendAsync(Patch($"Name {i}"))));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        Assert.Equal(3, (await CampaignAsync(id))["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Concurrent_spend_is_never_lost_a_duplicate_counts_once_and_the_budget_pause_is_appended_once()
    {
        var id = await LaunchedCampaignAsync(new { total = 10m });
        var campaignId = Guid.Parse(id);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var duplicate = Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            Publish(new SpendRecorded(campaignId, null, "cpc", 1m, "USD", today, DateTimeOffset.UtcNow), i < 2 ? duplicate : null)));
        await Publish(new SpendRecorded(campaignId, null, "cpc", 5m, "EUR", today, DateTimeOffset.UtcNow));

        var campaign = await Eventually.Until(() => CampaignAsync(id), c => c["spend"]!["total"]!.GetValue<decimal>() >= 29m,
            TimeSpan.FromSeconds(60), "spend counted");
        await Task.Delay(TimeSpan.FromSeconds(1));
        campaign = await CampaignAsync(id);
        Assert.Equal(29m, campaign["spend"]!["total"]!.GetValue<decimal>());
        Assert.Equal("paused", campaign["status"]!.GetValue<string>());
        Assert.Equal("budget_exhausted", campaign["statusReason"]!.GetValue<string>());

        await using var session = _host.Services.GetRequiredService<IDocumentStore>().QuerySession(_tenant);
        var events = await session.Events.FetchStreamAsync(campaignId);
        Assert.Single(events, e => e.Data is DomainPaused);
    }

    [Fact]
    public async Task Links_follow_the_affiliate_approvals_and_suspensions_heard_from_Affiliates_even_out_of_order()
    {
        var id = await LaunchedCampaignAsync();
        var affiliateId = Guid.NewGuid();
        Task<HttpResponseMessage> CreateLink() => _api.PostAsJsonAsync($"/api/campaigns/{id}/links", new { affiliateId });

        Assert.Equal(HttpStatusCode.BadRequest, (await CreateLink()).StatusCode);
        var approvedAt = DateTimeOffset.UtcNow;
        await Publish(new AffiliateApproved(affiliateId, approvedAt));
        var created = await Eventually.Until(CreateLink, r => r.StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(30), "link for an approved affiliate");
        var link = (await created.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Matches("^[0-9A-Za-z]{10}$", link["code"]!.GetValue<string>());
        Assert.EndsWith($"/c/{link["code"]}", link["url"]!.GetValue<string>());

        await Publish(new AffiliateSuspended(affiliateId, "fraud", approvedAt.AddSeconds(1)));
        await Eventually.Until(() => KnownAsync(affiliateId), a => a is { Approved: false }, TimeSpan.FromSeconds(30), "suspension heard");
        await Publish(new AffiliateApproved(affiliateId, approvedAt)); // a late redelivery of the older approval
        await Task.Delay(TimeSpan.FromSeconds(1));
        var refused = await CreateLink();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("affiliateId", await refused.Content.ReadAsStringAsync());
        Assert.Single((await CampaignAsync(id))["links"]!.AsArray());
    }
}
