using System.Text.Json;
using Marten.Metadata;
using PerfSuite.BuildingBlocks.Http;

namespace PerfSuite.Affiliates.Webhooks;

public enum DeliveryStatus { Pending, Succeeded, DeadLettered }

public sealed record DeliveryAttempt(int Number, DateTimeOffset At, int? StatusCode, long LatencyMs, string? Error, string? ResponseExcerpt);

/// <summary>
/// One webhook message to one affiliate, persisted in the transaction of the change it reports, before any attempt.
/// The body (and so the webhook-id) never changes between attempts; only webhook-timestamp and the signatures do.
/// </summary>
public sealed record Delivery(
    Guid Id,
    Guid AffiliateId,
    string Type,
    string Body,
    Guid? CommissionId,
    DateTimeOffset CreatedAt,
    int Ordinal,
    DeliveryStatus Status,
    DateTimeOffset NextAttemptAt,
    int AttemptsInRound,
    IReadOnlyList<DeliveryAttempt> Attempts,
    DateTimeOffset? CompletedAt,
    string? LastError) : ITenanted
{
    public string? TenantId { get; set; }

    public static readonly JsonSerializerOptions Json = CreateJson();

    public static Delivery Create(Guid affiliateId, string type, object data, Guid? commissionId, DateTimeOffset now, int ordinal) =>
        new(Guid.CreateVersion7(now), affiliateId, type, JsonSerializer.Serialize(new { type, timestamp = now, data }, Json), commissionId,
            now, ordinal, DeliveryStatus.Pending, now, 0, [], null, null);

    public Delivery Redeliver(DateTimeOffset now) =>
        this with { Status = DeliveryStatus.Pending, NextAttemptAt = now, AttemptsInRound = 0, CompletedAt = null };

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        ApiHosting.Configure(options);
        return options;
    }
}

public sealed record DeliveryResponse(
    Guid Id, Guid AffiliateId, string Type, string Status, Guid? CommissionId, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt,
    DateTimeOffset? CompletedAt, string? LastError, IReadOnlyList<DeliveryAttempt> Attempts, JsonElement Payload)
{
    public static DeliveryResponse From(Delivery d) =>
        new(d.Id, d.AffiliateId, d.Type, DeliveryStatuses.Name(d.Status), d.CommissionId, d.CreatedAt,
            d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.CompletedAt, d.LastError, d.Attempts,
            JsonDocument.Parse(d.Body).RootElement.Clone());
}

public static class DeliveryStatuses
{
    public static readonly string[] Names = ["pending", "succeeded", "dead_lettered"];

    public static string Name(DeliveryStatus s) => s switch
    {
        DeliveryStatus.Pending => "pending",
        DeliveryStatus.Succeeded => "succeeded",
        _ => "dead_lettered",
    };

    public static DeliveryStatus Parse(string name) => name switch
    {
        "pending" => DeliveryStatus.Pending,
        "succeeded" => DeliveryStatus.Succeeded,
        _ => DeliveryStatus.DeadLettered,
    };
}
