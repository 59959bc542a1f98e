using System.Collections.Concurrent;
using Marten;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;

namespace PerfSuite.Conversions.Fraud;

/// <summary>
/// A tenant's fraud rules. Each rule has a reason code that ends up on the click or the conversion:
/// duplicate_click (same visitor or IP on the same link within the window: recorded, not billable),
/// bot (user agent contains one of the markers: not billable), fast_conversion (click to conversion
/// faster than the threshold: attributed but flagged and not payable). Caps come with the campaign.
/// </summary>
public sealed record FraudRules(
    string Id,
    int DuplicateClickWindowSeconds,
    int MinClickToConversionSeconds,
    IReadOnlyList<string> BotUserAgents)
{
    public const string DocumentId = "fraud-rules";

    public static readonly FraudRules Default = new(DocumentId, 30, 2,
        ["bot", "crawler", "spider", "slurp", "headlesschrome", "phantomjs", "python-requests", "facebookexternalhit"]);

    public bool IsBot(string? userAgent) =>
        !string.IsNullOrEmpty(userAgent) && BotUserAgents.Any(marker => userAgent.Contains(marker, StringComparison.OrdinalIgnoreCase));
}

public static class FraudReasons
{
    public const string DuplicateClick = "duplicate_click";
    public const string Bot = "bot";
    public const string FastConversion = "fast_conversion";
    public const string Capped = "capped";
    public const string AffiliateCapped = "affiliate_capped";
    public const string Holdout = "holdout";
    public const string CampaignNotLive = "campaign_not_live";
    public const string BudgetExhausted = "budget_exhausted";
}

/// <summary>Per-tenant rules cached briefly: the click path must not read the database per click.</summary>
public sealed class FraudRulesCache(IDocumentStore store, TimeProvider time)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (FraudRules Rules, DateTimeOffset LoadedAt)> _byTenant = new(StringComparer.Ordinal);

    public async ValueTask<FraudRules> For(string tenantId, CancellationToken ct)
    {
        if (_byTenant.TryGetValue(tenantId, out var cached) && time.GetUtcNow() - cached.LoadedAt < Freshness) return cached.Rules;
        await using var session = store.QuerySession(tenantId);
        var rules = await session.LoadAsync<FraudRules>(FraudRules.DocumentId, ct) ?? FraudRules.Default;
        _byTenant[tenantId] = (rules, time.GetUtcNow());
        return rules;
    }

    public void Forget(string tenantId) => _byTenant.TryRemove(tenantId, out _);
}

public sealed record FraudRulesRequest(int? DuplicateClickWindowSeconds, int? MinClickToConversionSeconds, IReadOnlyList<string>? BotUserAgents);

public static class FraudRulesApi
{
    public static void MapFraudRules(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/fraud-rules", async (IQuerySession session, CancellationToken ct) =>
                Results.Ok(await session.LoadAsync<FraudRules>(FraudRules.DocumentId, ct) ?? FraudRules.Default))
            .RequireAuthorization(Policies.Reader)
            .WithName("GetFraudRules");

        app.MapPut("/api/fraud-rules", async (FraudRulesRequest? body, IDocumentSession session, FraudRulesCache cache, HttpContext http, CancellationToken ct) =>
            {
                if (body is null) return ProblemResults.Validation("body", "is required");
                var v = new Validator()
                    .When(body.DuplicateClickWindowSeconds is < 0 or > 86_400, "duplicateClickWindowSeconds", "must be between 0 and 86400")
                    .When(body.MinClickToConversionSeconds is < 0 or > 86_400, "minClickToConversionSeconds", "must be between 0 and 86400")
                    .When(body.BotUserAgents is { Count: > 100 }, "botUserAgents", "must have at most 100 entries");
                for (var i = 0; i < (body.BotUserAgents?.Count ?? 0); i++)
                    v.When(string.IsNullOrWhiteSpace(body.BotUserAgents![i]) || body.BotUserAgents[i].Length > 100, $"botUserAgents[{i}]", "must be 1 to 100 characters");
                if (!v.IsValid) return v.ToProblem();

                var rules = new FraudRules(FraudRules.DocumentId,
                    body.DuplicateClickWindowSeconds ?? FraudRules.Default.DuplicateClickWindowSeconds,
                    body.MinClickToConversionSeconds ?? FraudRules.Default.MinClickToConversionSeconds,
                    body.BotUserAgents ?? FraudRules.Default.BotUserAgents);
                session.Store(rules);
                await session.SaveChangesAsync(ct);
                cache.Forget(http.User.TenantId());
                return Results.Ok(rules);
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("PutFraudRules");
    }
}
