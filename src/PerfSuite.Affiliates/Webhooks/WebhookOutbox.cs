using Marten;
using PerfSuite.Affiliates.Ledger;
using PerfSuite.Affiliates.Payouts;

namespace PerfSuite.Affiliates.Webhooks;

/// <summary>
/// Turns the ledger's domain events into webhook deliveries stored in the same session, so a delivery is committed
/// exactly when the change it reports is. Call it with the events just appended, before SaveChanges.
/// </summary>
public static class WebhookOutbox
{
    public static async Task EnqueueAsync(IDocumentSession session, IEnumerable<object> domainEvents, DateTimeOffset now, CancellationToken ct)
    {
        var endpoints = new Dictionary<Guid, WebhookEndpoint?>();
        var ordinal = 0;
        foreach (var e in domainEvents)
        {
            if (Describe(e) is not { } message) continue;
            if (!endpoints.TryGetValue(message.AffiliateId, out var endpoint))
                endpoints[message.AffiliateId] = endpoint = await session.LoadAsync<WebhookEndpoint>(message.AffiliateId, ct);
            if (endpoint is null || !endpoint.Subscribes(message.Type)) continue;
            session.Store(Delivery.Create(message.AffiliateId, message.Type, message.Data, message.CommissionId, now, ordinal++));
        }
    }

    private sealed record Message(Guid AffiliateId, string Type, object Data, Guid? CommissionId);

    private static Message? Describe(object e) => e switch
    {
        CommissionEarned x => new(x.AffiliateId, WebhookTypes.CommissionCreated, new
        {
            commissionId = x.CommissionId, affiliateId = x.AffiliateId, campaignId = x.CampaignId, conversionId = x.ConversionId,
            kind = x.Kind, amount = x.Amount, currency = x.Currency, day = x.Day, weight = x.Weight,
            status = x.Kind == CommissionKinds.Clawback ? "approved" : "pending", holdUntil = x.HoldUntil, clawbackOf = x.ClawbackOf,
        }, x.CommissionId),
        CommissionApproved x => new(x.AffiliateId, WebhookTypes.CommissionApproved, new
        {
            commissionId = x.CommissionId, affiliateId = x.AffiliateId, campaignId = x.CampaignId, amount = x.Amount, currency = x.Currency,
            status = "approved", manual = x.Manual, approvedAt = x.ApprovedAt,
        }, x.CommissionId),
        CommissionReversed x => new(x.AffiliateId, WebhookTypes.CommissionReversed, new
        {
            commissionId = x.CommissionId, affiliateId = x.AffiliateId, campaignId = x.CampaignId, kind = x.Kind, amount = x.Amount,
            currency = x.Currency, status = "reversed", reason = x.Reason, reversedAt = x.ReversedAt, clawbackId = (Guid?)null,
        }, x.CommissionId),
        CommissionClawedBack x => new(x.AffiliateId, WebhookTypes.CommissionReversed, new
        {
            commissionId = x.CommissionId, affiliateId = x.AffiliateId, amount = x.Amount, currency = x.Currency, status = "paid",
            reason = x.Reason, reversedAt = x.ClawedBackAt, clawbackId = x.ClawbackId,
        }, x.CommissionId),
        CommissionPaid x => new(x.AffiliateId, WebhookTypes.CommissionPaid, new
        {
            commissionId = x.CommissionId, affiliateId = x.AffiliateId, campaignId = x.CampaignId, payoutId = x.PayoutId,
            amount = x.Amount, currency = x.Currency, status = "paid", paidAt = x.PaidAt,
        }, x.CommissionId),
        PayoutCreated x => new(x.AffiliateId, WebhookTypes.PayoutCreated, new
        {
            payoutId = x.PayoutId, affiliateId = x.AffiliateId, amount = x.Amount, currency = x.Currency,
            commissions = x.Lines.Count, createdAt = x.CreatedAt,
        }, null),
        _ => null,
    };
}
