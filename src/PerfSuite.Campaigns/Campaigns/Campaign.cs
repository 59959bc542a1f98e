using PerfSuite.Contracts;

namespace PerfSuite.Campaigns.Campaigns;

public enum CampaignStatus { Draft, Active, Paused, Ended }

/// <summary>Why a campaign stopped or started serving; snake_case on the wire.</summary>
public static class StatusReasons
{
    public const string Manual = "manual";
    public const string BudgetExhausted = "budget_exhausted";
    public const string DailyBudgetExhausted = "daily_budget_exhausted";
    public const string Schedule = "schedule";
    public const string NextDay = "next_day";
}

/// <summary>What an agency sets on a campaign; value parts reuse the contract records (immutable, append-only).</summary>
public sealed record CampaignDefinition(
    Guid AdvertiserId,
    string Name,
    string Channel,
    string Currency,
    string LandingUrl,
    string? FallbackUrl,
    PayoutTerms Payout,
    BudgetTerms? Budget,
    CapTerms? Caps,
    AttributionTerms Attribution,
    TargetTerms? Targets,
    decimal HoldoutPercent,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    int ControlWeight = VariantWeights.DefaultControlWeight);

/// <summary>A payout in force from a moment on: conversions are paid with the terms in force when they are attributed.</summary>
public sealed record PayoutPeriod(PayoutTerms Payout, DateTimeOffset EffectiveFrom);

// Domain events: private to Campaigns. Events that change what the click path serves carry the full new terms,
// so the relay can publish CampaignUpdated without reading state.
public sealed record CampaignCreated(Guid CampaignId, CampaignDefinition Definition, string TimeZone, string PostbackToken, DateTimeOffset CreatedAt);

public sealed record CampaignLaunched(CampaignTerms Terms, DateTimeOffset LaunchedAt);

public sealed record CampaignRevised(CampaignDefinition Definition, IReadOnlyList<string> Changed, CampaignTerms Terms, DateTimeOffset RevisedAt);

public sealed record VariantAdded(VariantTerms Variant, CampaignTerms Terms, DateTimeOffset AddedAt);

public sealed record VariantChanged(VariantTerms Variant, CampaignTerms Terms, DateTimeOffset ChangedAt);

public sealed record TrackingLinkAdded(TrackingLinkTerms Link, DateTimeOffset CreatedAt);

public sealed record PostbackTokenRotated(string PostbackToken, CampaignTerms Terms, DateTimeOffset RotatedAt);

/// <summary>Day is the tenant-local day a daily budget ran out on (null for other reasons).</summary>
public sealed record CampaignPaused(string Reason, DateOnly? Day, DateTimeOffset PausedAt);

public sealed record CampaignResumed(string Reason, DateTimeOffset ResumedAt);

public sealed record CampaignEnded(string Reason, DateTimeOffset EndedAt);

public sealed record Campaign(
    Guid Id,
    CampaignDefinition Definition,
    string TimeZone,
    string PostbackToken,
    CampaignStatus Status,
    string? StatusReason,
    DateOnly? PausedForDay,
    IReadOnlyList<VariantTerms> Variants,
    IReadOnlyList<TrackingLinkTerms> Links,
    IReadOnlyList<PayoutPeriod> PayoutHistory,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LaunchedAt)
{
    public long Version { get; init; }

    public static Campaign Create(CampaignCreated e) =>
        new(e.CampaignId, e.Definition, e.TimeZone, e.PostbackToken, CampaignStatus.Draft, null, null, [], [],
            [new PayoutPeriod(e.Definition.Payout, e.CreatedAt)], e.CreatedAt, null);

    public Campaign Apply(CampaignLaunched e) => this with { Status = CampaignStatus.Active, StatusReason = null, LaunchedAt = e.LaunchedAt };

    public Campaign Apply(CampaignRevised e) => this with
    {
        Definition = e.Definition,
        PayoutHistory = e.Definition.Payout == Definition.Payout ? PayoutHistory : [.. PayoutHistory, new PayoutPeriod(e.Definition.Payout, e.RevisedAt)],
    };

    public Campaign Apply(VariantAdded e) => this with { Variants = [.. Variants, e.Variant] };

    public Campaign Apply(VariantChanged e) => this with { Variants = [.. Variants.Select(v => v.VariantId == e.Variant.VariantId ? e.Variant : v)] };

    public Campaign Apply(TrackingLinkAdded e) => this with { Links = [.. Links, e.Link] };

    public Campaign Apply(PostbackTokenRotated e) => this with { PostbackToken = e.PostbackToken };

    public Campaign Apply(CampaignPaused e) => this with { Status = CampaignStatus.Paused, StatusReason = e.Reason, PausedForDay = e.Day };

    public Campaign Apply(CampaignResumed e) => this with { Status = CampaignStatus.Active, StatusReason = null, PausedForDay = null };

    public Campaign Apply(CampaignEnded e) => this with { Status = CampaignStatus.Ended, StatusReason = e.Reason, PausedForDay = null };

    public string StatusName => Status.ToString().ToLowerInvariant();

    /// <summary>Launched at least once: other services know it, so changes are published to them.</summary>
    public bool IsPublished => LaunchedAt is not null;

    /// <summary>The full terms the click and conversion paths need, as published to other services.</summary>
    public CampaignTerms ToTerms() => new(
        Id, Definition.AdvertiserId, Definition.Name, Definition.Channel, Definition.Currency, TimeZone,
        Definition.LandingUrl, Definition.FallbackUrl, Definition.Payout, Definition.Budget, Definition.Caps,
        Definition.Attribution, Definition.Targets, Definition.HoldoutPercent, Variants, Links, PostbackToken,
        StatusName, Definition.StartsAt, Definition.EndsAt, Definition.ControlWeight);

    /// <summary>The day in the tenant's time zone at an instant (budgets and caps count per local day).</summary>
    public DateOnly LocalDay(DateTimeOffset at) => LocalCalendar.Day(TimeZone, at);
}

public static class LocalCalendar
{
    public static DateOnly Day(string timeZone, DateTimeOffset at) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone(timeZone)).DateTime);

    /// <summary>The instant the given local day starts in the time zone (UTC when the zone is unknown).</summary>
    public static DateTimeOffset StartOf(string timeZone, DateOnly day)
    {
        var zone = Zone(timeZone);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30); // midnight skipped by a DST jump
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static TimeZoneInfo Zone(string timeZone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
