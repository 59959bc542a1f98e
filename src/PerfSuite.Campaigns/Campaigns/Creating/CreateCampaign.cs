using System.Security.Cryptography;
using Marten;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Campaigns.Advertisers;
using PerfSuite.Campaigns.Budgets;
using PerfSuite.Contracts;

namespace PerfSuite.Campaigns.Campaigns.Creating;

public sealed record PayoutRequest(string? Model, decimal? Amount, decimal? Percent, int? HoldDays);
public sealed record BudgetRequest(decimal? Daily, decimal? Total);
public sealed record CapsRequest(int? DailyConversions, int? AffiliateDailyConversions);
public sealed record AttributionRequest(string? Model, int? WindowDays, double? HalfLifeDays);
public sealed record TargetsRequest(decimal? Cpa, decimal? Cpl, decimal? Roas, decimal? CustomerValue, decimal? LeadToCustomerRate);

public sealed record CreateCampaignRequest(
    Guid? AdvertiserId,
    string? Name,
    string? Channel,
    string? Currency,
    string? LandingUrl,
    string? FallbackUrl,
    PayoutRequest? Payout,
    BudgetRequest? Budget,
    CapsRequest? Caps,
    AttributionRequest? Attribution,
    TargetsRequest? Targets,
    decimal? HoldoutPercent,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt);

public static class CampaignRules
{
    public static readonly string[] Channels = ["search", "social", "affiliate", "programmatic", "email", "other"];
    public static readonly string[] PayoutModels = ["cpc", "cpa", "cpl", "cpm", "revshare"];
    public static readonly string[] AttributionModels = ["last_touch", "first_touch", "linear", "position_based", "time_decay"];
    public const int DefaultWindowDays = 30;
    public const double DefaultHalfLifeDays = 7;
    public const decimal MaxHoldoutPercent = 90;

    public static void ValidatePayout(Validator v, PayoutRequest? p, string path = "payout")
    {
        if (p is null) { v.Add(path, "is required"); return; }
        v.OneOf($"{path}.model", p.Model, PayoutModels);
        v.Positive($"{path}.amount", p.Amount).Range($"{path}.percent", p.Percent, 0.01m, 100m);
        v.When(p.HoldDays is < 0 or > 365, $"{path}.holdDays", "must be between 0 and 365");
        switch (p.Model)
        {
            case "cpc" or "cpm":
                v.When(p.Amount is null, $"{path}.amount", $"is required for {p.Model}");
                v.When(p.Percent is not null, $"{path}.percent", $"is not allowed for {p.Model}");
                break;
            case "cpa" or "cpl":
                v.When(p.Amount is null && p.Percent is null, $"{path}.amount", $"is required for {p.Model} (add percent for a hybrid payout)");
                break;
            case "revshare":
                v.When(p.Percent is null, $"{path}.percent", "is required for revshare");
                break;
        }
    }

    public static void ValidateAttribution(Validator v, AttributionRequest? a)
    {
        if (a is null) return;
        v.OneOf("attribution.model", a.Model, AttributionModels);
        v.When(a.WindowDays is null, "attribution.windowDays", "is required");
        v.When(a.WindowDays is < 1 or > 365, "attribution.windowDays", "must be between 1 and 365");
        v.When(a.HalfLifeDays is <= 0 or > 365, "attribution.halfLifeDays", "must be greater than 0 and at most 365");
        v.When(a.HalfLifeDays is not null && a.Model != "time_decay", "attribution.halfLifeDays", "applies only to time_decay");
    }

    public static Validator Validate(CreateCampaignRequest r)
    {
        var v = new Validator()
            .RequireNonEmpty("advertiserId", r.AdvertiserId)
            .Require("name", r.Name)
            .OneOf("channel", r.Channel, Channels)
            .Currency("currency", r.Currency)
            .Url("landingUrl", r.LandingUrl, required: true)
            .Url("fallbackUrl", r.FallbackUrl, required: false)
            .Range("holdoutPercent", r.HoldoutPercent, 0, MaxHoldoutPercent);
        ValidatePayout(v, r.Payout);
        if (r.Budget is { } b)
        {
            v.Positive("budget.daily", b.Daily).Positive("budget.total", b.Total);
            v.When(b.Daily is { } d && b.Total is { } t && d > t, "budget.daily", "must not exceed budget.total");
        }
        if (r.Caps is { } c)
        {
            v.When(c.DailyConversions is <= 0, "caps.dailyConversions", "must be greater than zero");
            v.When(c.AffiliateDailyConversions is <= 0, "caps.affiliateDailyConversions", "must be greater than zero");
        }
        ValidateAttribution(v, r.Attribution);
        if (r.Targets is { } t2)
        {
            v.Positive("targets.cpa", t2.Cpa).Positive("targets.cpl", t2.Cpl).Positive("targets.roas", t2.Roas)
                .Positive("targets.customerValue", t2.CustomerValue).Range("targets.leadToCustomerRate", t2.LeadToCustomerRate, 0, 1);
        }
        v.When(r.HoldoutPercent is > 0 && string.IsNullOrWhiteSpace(r.FallbackUrl), "fallbackUrl", "is required when holdoutPercent is set (held-out visitors go there)");
        v.When(r.StartsAt is { } s && r.EndsAt is { } e && e <= s, "endsAt", "must be after startsAt");
        return v;
    }

    public static CampaignDefinition ToDefinition(CreateCampaignRequest r)
    {
        var model = r.Attribution?.Model ?? "last_touch";
        return new CampaignDefinition(
            r.AdvertiserId!.Value, r.Name!.Trim(), r.Channel!, r.Currency!, r.LandingUrl!, r.FallbackUrl,
            new PayoutTerms(r.Payout!.Model!, r.Payout.Amount, r.Payout.Percent, r.Payout.HoldDays ?? 0),
            r.Budget is null ? null : new BudgetTerms(r.Budget.Daily, r.Budget.Total),
            r.Caps is null ? null : new CapTerms(r.Caps.DailyConversions, r.Caps.AffiliateDailyConversions),
            new AttributionTerms(model, r.Attribution?.WindowDays ?? DefaultWindowDays,
                model == "time_decay" ? r.Attribution?.HalfLifeDays ?? DefaultHalfLifeDays : null),
            r.Targets is null ? null : new TargetTerms(r.Targets.Cpa, r.Targets.Cpl, r.Targets.Roas, r.Targets.CustomerValue, r.Targets.LeadToCustomerRate),
            r.HoldoutPercent ?? 0, r.StartsAt, r.EndsAt);
    }

    public static string NewPostbackToken() => "pbt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}

public static class CreateCampaign
{
    public static CampaignCreated Decide(CampaignDefinition definition, Guid id, string timeZone, string postbackToken, DateTimeOffset now) =>
        new(id, definition, timeZone, postbackToken, now);

    public static void MapCreateCampaign(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/campaigns", async (CreateCampaignRequest request, HttpContext http, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
            {
                var validation = CampaignRules.Validate(request);
                if (validation.IsValid && await session.LoadAsync<Advertiser>(request.AdvertiserId!.Value, ct) is null)
                    validation.Add("advertiserId", "no such advertiser");
                if (!validation.IsValid) return validation.ToProblem();

                var created = Decide(CampaignRules.ToDefinition(request), Guid.CreateVersion7(), http.User.Caller().TimeZone,
                    CampaignRules.NewPostbackToken(), time.GetUtcNow());
                session.Events.StartStream<Campaign>(created.CampaignId, created);
                session.Insert(CampaignSpend.None(created.CampaignId));
                await session.SaveChangesAsync(ct);

                ETags.Set(http.Response, 1);
                return Results.Created($"/api/campaigns/{created.CampaignId}", CampaignResponse.From(Campaign.Create(created), 1));
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("CreateCampaign");
}
