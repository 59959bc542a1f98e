using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Contracts;
using PerfSuite.Conversions.LiveCampaigns;
using PerfSuite.Conversions.Tracking;

namespace PerfSuite.Conversions.Conversions;

public sealed record ReverseRequest(string? Reason);

public static class ConversionEndpoints
{
    public static readonly string[] Types = ["lead", "sale", "install", "custom"];
    private const int MaxIdempotencyKeyLength = 200;

    public static Validator Validate(ConversionRequest r, DateTimeOffset now)
    {
        var v = new Validator()
            .OneOf("type", r.Type, Types)
            .NonNegative("amount", r.Amount)
            .Currency("currency", r.Currency, required: false)
            .When(r.Currency is not null && r.Amount is null, "amount", "is required when currency is given")
            .When(r.OrderId is { Length: 0 or > 200 }, "orderId", "must be 1 to 200 characters")
            .When(r.CustomerId is { Length: 0 or > 200 }, "customerId", "must be 1 to 200 characters")
            .When(r.VisitorId is { Length: 0 or > 128 }, "visitorId", "must be 1 to 128 characters")
            .When(r.OccurredAt > now.AddMinutes(5), "occurredAt", "must not be in the future");
        if (r.ClickId is null)
        {
            v.When(string.IsNullOrWhiteSpace(r.VisitorId), "clickId", "is required (or visitorId with campaignId)");
            v.When(!string.IsNullOrWhiteSpace(r.VisitorId) && r.CampaignId is null, "campaignId", "is required with visitorId");
        }
        return v;
    }

    public static void MapConversions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/conversions", async (ConversionRequest? body, HttpContext http, ConversionRecorder recorder, TimeProvider time, CancellationToken ct) =>
            {
                if (body is null) return ProblemResults.Validation("body", "is required");
                var v = Validate(body, time.GetUtcNow());
                var key = http.Request.Headers["Idempotency-Key"].ToString();
                v.When(key.Length > MaxIdempotencyKeyLength, "Idempotency-Key", $"must be at most {MaxIdempotencyKeyLength} characters");
                if (!v.IsValid) return v.ToProblem();

                var tenant = http.User.TenantId();
                IdempotencyClaim? claim = null;
                if (key.Length > 0)
                {
                    claim = new IdempotencyClaim(key, Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body))));
                    if (await recorder.Replay(tenant, key, ct) is { } reply)
                        return reply.BodyHash == claim.BodyHash
                            ? Results.Json(reply.Result, statusCode: reply.StatusCode)
                            : ProblemResults.Problem(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "Idempotency-Key reused",
                                "This Idempotency-Key was already used with a different body.");
                }
                var (status, result) = await recorder.Record(tenant, body, claim, ct);
                return Results.Json(result, statusCode: status);
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("RecordConversion");

        app.MapGet("/p", Pixel).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/api/conversions/{id:guid}", async (Guid id, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<Conversion>(id, ct) is { } c ? Results.Ok(c) : ProblemResults.NotFound("The conversion"))
            .RequireAuthorization(Policies.Reader)
            .WithName("GetConversion");

        app.MapPost("/api/conversions/{id:guid}/reverse", (Guid id, ReverseRequest? body, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
            {
                var v = new Validator().Require("reason", body?.Reason);
                if (!v.IsValid) return Task.FromResult(v.ToProblem());
                return session.Write<Conversion>(id, null, c => Reverse(c, body!.Reason!, time.GetUtcNow()),
                    (c, _) => Results.Ok(ConversionResult.From(c)), ct, "The conversion");
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("ReverseConversion");
    }

    public static IReadOnlyList<object> Reverse(Conversion c, string reason, DateTimeOffset now)
    {
        if (c.Status != ConversionStatus.Attributed)
            throw new DomainRuleViolation("illegal-transition", $"A {c.Status} conversion cannot be reversed; only an attributed one can.");
        return [new ReversalRecorded(new ConversionReversed(c.Id, c.CampaignId!.Value, c.Type, c.Amount, c.Currency!, c.Day!.Value,
            c.Credits, c.Holdout, reason, now))];
    }

    /// <summary>
    /// GET /p — a conversion pixel, authenticated by the campaign's postback token. Answers a GIF with the outcome in
    /// X-PerfSuite-Conversion-* headers, or the JSON result when the caller accepts JSON.
    /// </summary>
    private static async Task<IResult> Pixel(HttpContext http, TrafficStore traffic, LiveCampaignView view, ConversionRecorder recorder,
        TimeProvider time, CancellationToken ct)
    {
        var q = http.Request.Query;
        var v = new Validator();
        if (!Guid.TryParse(q["click_id"], out var clickId)) v.Add("click_id", "is required and must be a click id");
        decimal? amount = null;
        if (q["amount"].ToString() is { Length: > 0 } rawAmount)
        {
            if (decimal.TryParse(rawAmount, NumberStyles.Number, CultureInfo.InvariantCulture, out var a)) amount = a;
            else v.Add("amount", "must be a decimal number");
        }
        var token = q["token"].ToString();
        v.When(token.Length == 0, "token", "is required");
        var request = new ConversionRequest(clickId, null, null, q["type"].ToString() is { Length: > 0 } t ? t : null, amount,
            NullIfEmpty(q["currency"]), NullIfEmpty(q["order_id"]), NullIfEmpty(q["customer_id"]), null);
        foreach (var (field, messages) in Validate(request, time.GetUtcNow()).Errors)
            foreach (var m in messages) v.Add(ToQueryName(field), m);
        if (!v.IsValid) return v.ToProblem();

        var click = await traffic.FindClick(clickId, ct);
        var campaign = click is null ? null : view.Find(click.TenantId, click.CampaignId);
        if (click is null || campaign is null || !SameToken(campaign.PostbackToken, token))
            return ProblemResults.Unauthorized("The postback token does not match the click's campaign.");

        var (_, result) = await recorder.Record(click.TenantId, request, null, ct);
        if (http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
            return Results.Json(result);
        http.Response.Headers["X-PerfSuite-Conversion-Id"] = result.Id.ToString();
        http.Response.Headers["X-PerfSuite-Conversion-Status"] = result.Status;
        if (result.Reason is not null) http.Response.Headers["X-PerfSuite-Conversion-Reason"] = result.Reason;
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(TrackingEndpoints.TransparentGif, "image/gif");
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } s ? s : null;

    private static string ToQueryName(string field) => field switch
    {
        "orderId" => "order_id",
        "customerId" => "customer_id",
        _ => field,
    };

    private static bool SameToken(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}
