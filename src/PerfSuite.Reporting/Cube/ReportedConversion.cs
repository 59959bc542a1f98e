using Marten.Events.Projections;
using PerfSuite.Contracts;

namespace PerfSuite.Reporting.Cube;

/// <summary>
/// One attributed conversion as Reporting keeps it: its touches (to recompute every attribution model), its customer
/// (for LTV) and the lead it closed (for the lead-to-customer rate). A reversal marks it; reports leave reversed ones out.
/// </summary>
public sealed record ReportedConversion(
    Guid Id,
    Guid CampaignId,
    string Type,
    decimal Amount,
    string Currency,
    DateOnly Day,
    DateTimeOffset OccurredAt,
    string? CustomerId,
    Guid? LeadConversionId,
    bool Holdout,
    IReadOnlyList<Touch> Touches,
    IReadOnlyList<Credit> Credits,
    bool Reversed);

public partial class ReportedConversionProjection : MultiStreamProjection<ReportedConversion, Guid>
{
    public ReportedConversionProjection()
    {
        Identity<ConversionAttributed>(e => e.ConversionId);
        Identity<ConversionReversed>(e => e.ConversionId);
    }

    public static ReportedConversion Create(ConversionAttributed e) =>
        new(e.ConversionId, e.CampaignId, e.Type, e.Amount, e.Currency, e.Day, e.OccurredAt, e.CustomerId, e.LeadConversionId,
            e.Holdout, e.Touches, e.Credits, Reversed: false);

    public static ReportedConversion Apply(ReportedConversion conversion, ConversionReversed _) => conversion with { Reversed = true };
}
