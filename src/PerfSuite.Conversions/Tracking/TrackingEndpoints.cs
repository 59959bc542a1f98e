using System.Text;
using Microsoft.Extensions.Primitives;
using PerfSuite.BuildingBlocks.Campaigns;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Conversions.Fraud;
using PerfSuite.Conversions.LiveCampaigns;

namespace PerfSuite.Conversions.Tracking;

public static class TrackingEndpoints
{
    public const string VisitorCookie = "ps_vid";
    public static readonly string[] PassThrough =
        ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "sub1", "sub2", "sub3", "sub4", "sub5"];

    public static readonly byte[] TransparentGif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private const string BenchTarget = "https://example.com/landing";

    public static void MapTracking(this IEndpointRouteBuilder app)
    {
        app.MapGet("/c/{code}", (string code, HttpContext http, TrackingService tracking, CancellationToken ct) =>
                tracking.Click(code, http, ct))
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapGet("/i/{code}", (string code, HttpContext http, TrackingService tracking, CancellationToken ct) =>
                tracking.Impression(code, http, ct))
            .AllowAnonymous()
            .ExcludeFromDescription();

        // The benchmark's reference: the same gateway hop and a 302, with no work behind it.
        app.MapGet("/bench/noop", () => Results.Redirect(BenchTarget))
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapGet("/api/conversions/clicks/{clickId:guid}", async (Guid clickId, HttpContext http, TrafficStore store, CancellationToken ct) =>
                await store.FindClick(clickId, ct) is { } c && c.TenantId == http.User.TenantId()
                    ? Results.Ok(new
                    {
                        c.ClickId, c.CampaignId, c.LinkId, c.AffiliateId, c.VariantId, c.VisitorId, c.ClickedAt, c.Day,
                        c.Billable, c.Holdout, c.Reason, c.Spend,
                    })
                    : ProblemResults.NotFound("The click"))
            .RequireAuthorization(Policies.Reader)
            .WithName("GetClick");
    }

    /// <summary>The landing URL with click_id appended and the tracking parameters passed through.</summary>
    public static string Destination(string url, Guid clickId, IQueryCollection query)
    {
        var fragmentAt = url.IndexOf('#');
        var (path, fragment) = fragmentAt < 0 ? (url, "") : (url[..fragmentAt], url[fragmentAt..]);
        var sb = new StringBuilder(path, path.Length + 128);
        sb.Append(path.Contains('?') ? '&' : '?').Append("click_id=").Append(clickId);
        foreach (var name in PassThrough)
            if (query.TryGetValue(name, out StringValues value) && !StringValues.IsNullOrEmpty(value))
                sb.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value.ToString()));
        return sb.Append(fragment).ToString();
    }

    public static IResult UnknownLink() =>
        Results.Content("<!doctype html><title>Link not found</title><h1>This link does not exist.</h1>", "text/html", Encoding.UTF8, StatusCodes.Status404NotFound);
}

/// <summary>The click and impression paths: resolve in memory, decide, group-commit, answer.</summary>
public sealed class TrackingService(
    LiveCampaignView view, FraudRulesCache fraud, DuplicateClickGuard duplicates, SpendLedger ledger, TrafficWriter writer,
    TimeProvider time, ILogger<TrackingService> logger)
{
    private const int MaxVisitorIdLength = 128;

    public async Task<IResult> Click(string code, HttpContext http, CancellationToken ct)
    {
        if (view.Resolve(code) is not { } link) return TrackingEndpoints.UnknownLink();
        var hit = await Hit(HitKind.Click, link, http, ct);
        if (!await Commit(hit, ct)) return Unavailable(http);
        return Results.Redirect(TrackingEndpoints.Destination(hit.Outcome.Destination, hit.Hit.Id, http.Request.Query));
    }

    public async Task<IResult> Impression(string code, HttpContext http, CancellationToken ct)
    {
        if (view.Resolve(code) is not { } link) return TrackingEndpoints.UnknownLink();
        var hit = await Hit(HitKind.Impression, link, http, ct);
        if (!await Commit(hit, ct)) return Unavailable(http);
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(TrackingEndpoints.TransparentGif, "image/gif");
    }

    private async Task<(TrafficHit Hit, HitOutcome Outcome)> Hit(HitKind kind, ResolvedLink link, HttpContext http, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var campaign = link.Campaign;
        var visitor = VisitorOf(http, out var broughtId);
        var ip = ClientIp(http);
        var userAgent = http.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua[..Math.Min(ua.Length, 512)] : null;
        var rules = await fraud.For(link.TenantId, ct);
        var day = LiveCampaignView.DayIn(link.TimeZone, now);
        var duplicate = kind == HitKind.Click &&
            duplicates.IsDuplicate(link.Link.LinkId, broughtId ? visitor : $"{ip}|{userAgent}", rules.DuplicateClickWindowSeconds, now);

        var outcome = ClickPolicy.Decide(campaign, VisitorAssignment.Assign(campaign, visitor), kind,
            rules.IsBot(userAgent), duplicate, now, cost => ledger.TryReserve(link.TenantId, campaign, day, cost));
        var hit = new TrafficHit
        {
            Kind = kind, Id = Guid.CreateVersion7(now), TenantId = link.TenantId, CampaignId = campaign.CampaignId,
            Currency = campaign.Currency, LinkId = link.Link.LinkId, AffiliateId = link.Link.AffiliateId,
            VariantId = outcome.VariantId, VisitorId = visitor, Ip = ip, UserAgent = userAgent, At = now, Day = day,
            Billable = outcome.Billable, Holdout = outcome.Holdout, Reason = outcome.Reason, Spend = outcome.Spend,
            SpendKind = outcome.SpendKind,
        };
        return (hit, outcome);
    }

    private async Task<bool> Commit((TrafficHit Hit, HitOutcome Outcome) hit, CancellationToken ct)
    {
        try
        {
            await writer.Record(hit.Hit, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Hit {Id} not recorded: {Error}", hit.Hit.Id, e.Message);
            return false;
        }
    }

    private static IResult Unavailable(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        return ProblemResults.Problem(StatusCodes.Status503ServiceUnavailable, "unavailable", "Try again",
            "The click could not be recorded right now; nothing was stored.");
    }

    /// <summary>vid from the query, else the first-party cookie, else a new id set as that cookie.</summary>
    private static string VisitorOf(HttpContext http, out bool brought)
    {
        string? vid = http.Request.Query["vid"].ToString();
        if (string.IsNullOrWhiteSpace(vid) || vid.Length > MaxVisitorIdLength) vid = http.Request.Cookies[TrackingEndpoints.VisitorCookie];
        if (!string.IsNullOrWhiteSpace(vid) && vid.Length <= MaxVisitorIdLength)
        {
            brought = true;
            return vid;
        }
        brought = false;
        var fresh = Guid.NewGuid().ToString("N");
        http.Response.Cookies.Append(TrackingEndpoints.VisitorCookie, fresh, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps || http.Request.Headers["X-Forwarded-Proto"] == "https",
            MaxAge = TimeSpan.FromDays(365),
        });
        return fresh;
    }

    private static string? ClientIp(HttpContext http)
    {
        var forwarded = http.Request.Headers["X-Forwarded-For"].ToString();
        if (forwarded.Length > 0) return forwarded.Split(',')[0].Trim() is { Length: > 0 and <= 64 } first ? first : null;
        return http.Connection.RemoteIpAddress?.ToString();
    }
}

/// <summary>Creates the traffic tables and seeds the budget ledger before the service takes traffic.</summary>
public sealed class TrafficStartup(TrafficStore store, SpendLedger ledger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.EnsureSchema(cancellationToken);
        ledger.Seed(await store.AllSpend(cancellationToken));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
