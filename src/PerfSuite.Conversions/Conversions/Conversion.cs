using PerfSuite.Contracts;

namespace PerfSuite.Conversions.Conversions;

// Domain events: private to Conversions; each wraps the integration event it is relayed as.
public sealed record AttributionRecorded(ConversionAttributed Conversion);

public sealed record RejectionRecorded(ConversionRejected Conversion);

public sealed record ReversalRecorded(ConversionReversed Reversal);

public static class ConversionStatus
{
    public const string Attributed = "attributed";
    public const string Rejected = "rejected";
    public const string Duplicate = "duplicate";
    public const string Reversed = "reversed";
}

/// <summary>One conversion (stream and inline snapshot); the snapshot is what caps, leads and reads query.</summary>
public sealed record Conversion(
    Guid Id,
    string Status,
    string? Reason,
    Guid? CampaignId,
    string Type,
    decimal Amount,
    string? Currency,
    string? OrderId,
    string? CustomerId,
    string? VisitorId,
    DateTimeOffset OccurredAt,
    DateOnly? Day,
    IReadOnlyList<Credit> Credits,
    Guid[] CreditedAffiliates,
    bool Holdout,
    bool Payable,
    IReadOnlyList<string> Flags,
    Guid? LeadConversionId)
{
    public long Version { get; init; }

    public static Conversion Create(AttributionRecorded e)
    {
        var c = e.Conversion;
        return new Conversion(c.ConversionId, ConversionStatus.Attributed, null, c.CampaignId, c.Type, c.Amount, c.Currency,
            c.OrderId, c.CustomerId, c.VisitorId, c.OccurredAt, c.Day, c.Credits,
            c.Credits.Select(x => x.AffiliateId).Distinct().ToArray(), c.Holdout, c.Payable, c.Flags, c.LeadConversionId);
    }

    public static Conversion Create(RejectionRecorded e)
    {
        var c = e.Conversion;
        return new Conversion(c.ConversionId, ConversionStatus.Rejected, c.Reason, c.CampaignId, c.Type, 0, null,
            null, null, null, c.OccurredAt, null, [], [], false, false, [], null);
    }

    public Conversion Apply(ReversalRecorded e) => this with { Status = ConversionStatus.Reversed, Reason = e.Reversal.Reason, Payable = false };
}

/// <summary>Claims an order id for the tenant: the document's id is the order id, so a second claim collides.</summary>
public sealed record OrderClaim(string Id, Guid ConversionId);

/// <summary>The first answer to a write with an Idempotency-Key, replayed for a repeat with the same body.</summary>
public sealed record IdempotentReply(string Id, string BodyHash, int StatusCode, ConversionResult Result);

public sealed record CreditResponse(Guid ClickId, Guid AffiliateId, Guid LinkId, Guid? VariantId, decimal Weight);

/// <summary>The explicit answer to every conversion: attributed (with credits), rejected (with reason) or duplicate.</summary>
public sealed record ConversionResult(
    Guid Id, string Status, string? Reason, bool Payable, IReadOnlyList<string> Flags, IReadOnlyList<CreditResponse> Credits,
    decimal? Amount, string? Currency, Guid? LeadConversionId)
{
    public static ConversionResult From(Conversion c) => new(
        c.Id, c.Status, c.Reason, c.Payable, c.Flags,
        c.Credits.Select(x => new CreditResponse(x.ClickId, x.AffiliateId, x.LinkId, x.VariantId, x.Weight)).ToList(),
        c.Status == ConversionStatus.Rejected ? null : c.Amount, c.Currency, c.LeadConversionId);

    public static ConversionResult Duplicate(Guid original) => new(original, ConversionStatus.Duplicate, "duplicate_order", false, [], [], null, null, null);
}
