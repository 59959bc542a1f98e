using Marten;
using JasperFx;
using PerfSuite.Conversions.Fraud;
using PerfSuite.Conversions.FxRates;
using PerfSuite.Conversions.LiveCampaigns;
using PerfSuite.Conversions.Tracking;

namespace PerfSuite.Conversions.Conversions;

public sealed record ConversionRequest(
    Guid? ClickId, string? VisitorId, Guid? CampaignId, string? Type, decimal? Amount, string? Currency,
    string? OrderId, string? CustomerId, DateTimeOffset? OccurredAt);

/// <summary>An Idempotency-Key and the hash of the body it came with.</summary>
public sealed record IdempotencyClaim(string Key, string BodyHash);

/// <summary>
/// Gathers the facts of a conversion (click, the visitor's clicks in the window, rates, rules, today's counts,
/// the original lead), lets <see cref="ConversionDecision"/> decide, and stores the outcome with its order-id
/// and idempotency claims in one commit (grouped with other requests' by <see cref="ConversionWriter"/>). A claim
/// lost to a concurrent request turns into that request's answer.
/// </summary>
public sealed class ConversionRecorder(IDocumentStore store, TrafficStore traffic, LiveCampaignView view, FraudRulesCache fraud, ConversionWriter writer, TimeProvider time)
{
    public async Task<(int StatusCode, ConversionResult Result)> Record(
        string tenantId, ConversionRequest r, IdempotencyClaim? idempotency, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenantId);
        if (r.OrderId is { } orderId && await session.LoadAsync<OrderClaim>(orderId, ct) is { } claimed)
        {
            // The same Idempotency-Key may have committed the claim since the endpoint looked for its reply.
            if (idempotency is not null && await session.LoadAsync<IdempotentReply>(idempotency.Key, ct) is { } replayed && replayed.BodyHash == idempotency.BodyHash)
                return (replayed.StatusCode, replayed.Result);
            return (StatusCodes.Status200OK, ConversionResult.Duplicate(claimed.ConversionId));
        }

        var now = time.GetUtcNow();
        var occurredAt = r.OccurredAt ?? now;
        var id = Guid.CreateVersion7(now);
        var facts = await Gather(session, tenantId, id, r, occurredAt, ct);
        var decided = facts is null
            ? new RejectionRecorded(new(id, null, r.Type!, RejectionReasons.UnknownClick, occurredAt))
            : ConversionDecision.Decide(facts);

        var conversion = decided switch
        {
            AttributionRecorded a => Conversion.Create(a),
            RejectionRecorded j => Conversion.Create(j),
            _ => throw new InvalidOperationException($"Unexpected decision {decided.GetType().Name}"),
        };
        var result = (StatusCodes.Status201Created, ConversionResult.From(conversion));
        var order = decided is AttributionRecorded && r.OrderId is not null ? new OrderClaim(r.OrderId, id) : null;
        var reply = idempotency is null ? null : new IdempotentReply(idempotency.Key, idempotency.BodyHash, result.Item1, result.Item2);
        try
        {
            await writer.Write(new ConversionWrite(tenantId, id, decided, order, reply), ct);
            return result;
        }
        catch (ClaimTakenException)
        {
            return await Concurrent(tenantId, r, idempotency, ct);
        }
    }

    public async Task<IdempotentReply?> Replay(string tenantId, string key, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenantId);
        return await session.LoadAsync<IdempotentReply>(key, ct);
    }

    private async Task<(int, ConversionResult)> Concurrent(string tenantId, ConversionRequest r, IdempotencyClaim? idempotency, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenantId);
        if (idempotency is not null && await session.LoadAsync<IdempotentReply>(idempotency.Key, ct) is { } reply)
            return (reply.StatusCode, reply.Result);
        var claim = await session.LoadAsync<OrderClaim>(r.OrderId!, ct)
            ?? throw new InvalidOperationException("A claim collided but cannot be found");
        return (StatusCodes.Status200OK, ConversionResult.Duplicate(claim.ConversionId));
    }

    /// <summary>Null when the click is unknown to this tenant (another tenant's click is never revealed).</summary>
    private async Task<ConversionFacts?> Gather(IQuerySession session, string tenantId, Guid id, ConversionRequest r, DateTimeOffset occurredAt, CancellationToken ct)
    {
        StoredClick? click = null;
        if (r.ClickId is { } clickId)
        {
            click = await traffic.FindClick(clickId, ct);
            if (click is null || click.TenantId != tenantId) return null;
        }
        var campaignId = click?.CampaignId ?? r.CampaignId!.Value;
        var visitorId = click?.VisitorId ?? r.VisitorId!;
        var campaign = view.Find(tenantId, campaignId);
        var zone = campaign is null ? TimeZoneInfo.Utc : view.TimeZoneOf(campaign);
        var rules = await fraud.For(tenantId, ct);
        if (campaign is null)
            return new ConversionFacts(id, r.Type!, r.Amount, r.Currency, r.OrderId, r.CustomerId, visitorId, occurredAt, null, zone,
                [], false, null, rules, 0, new Dictionary<Guid, int>(), null);

        var clicks = await traffic.VisitorClicks(tenantId, visitorId, campaignId, occurredAt.AddDays(-campaign.Attribution.WindowDays), ct);
        var holdout = clicks.LastOrDefault(c => c.ClickedAt <= occurredAt)?.Holdout ?? false;
        var fx = r.Currency is { } currency && currency != campaign.Currency
            ? await session.LoadAsync<FxRateTable>(FxRateTable.DocumentId, ct)
            : null;

        var day = LiveCampaignView.DayIn(zone, occurredAt);
        var campaignToday = campaign.Caps?.DailyConversions is null ? 0
            : await session.Query<Conversion>().CountAsync(x => x.CampaignId == campaignId && x.Day == day && x.Payable, ct);
        var affiliateToday = new Dictionary<Guid, int>();
        if (campaign.Caps?.AffiliateDailyConversions is not null)
            foreach (var affiliate in clicks.Where(c => c.Billable).Select(c => c.AffiliateId).Distinct())
                affiliateToday[affiliate] = await session.Query<Conversion>()
                    .CountAsync(x => x.CampaignId == campaignId && x.Day == day && x.Payable && x.CreditedAffiliates.Contains(affiliate), ct);

        Guid? lead = null;
        if (r.Type == "sale" && r.CustomerId is { } customer)
            lead = (await session.Query<Conversion>()
                .Where(x => x.CustomerId == customer && x.Type == "lead" && x.Status != ConversionStatus.Rejected)
                .OrderBy(x => x.OccurredAt)
                .FirstOrDefaultAsync(ct))?.Id;

        return new ConversionFacts(id, r.Type!, r.Amount, r.Currency, r.OrderId, r.CustomerId, visitorId, occurredAt, campaign, zone,
            clicks, holdout, fx, rules, campaignToday, affiliateToday, lead);
    }
}
