using PerfSuite.BuildingBlocks.Attribution;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.Contracts;
using PerfSuite.Conversions.Fraud;
using PerfSuite.Conversions.FxRates;
using PerfSuite.Conversions.LiveCampaigns;
using PerfSuite.Conversions.Tracking;

namespace PerfSuite.Conversions.Conversions;

public static class RejectionReasons
{
    public const string UnknownClick = "unknown_click";
    public const string UnknownCampaign = "unknown_campaign";
    public const string NoFxRate = "no_fx_rate";
    public const string OutsideWindow = "outside_window";
    public const string NoTouch = "no_touch";
}

/// <summary>Everything the decision needs, gathered by the recorder from the request, the view and the store.</summary>
public sealed record ConversionFacts(
    Guid ConversionId,
    string Type,
    decimal? Amount,
    string? Currency,
    string? OrderId,
    string? CustomerId,
    string? VisitorId,
    DateTimeOffset OccurredAt,
    CampaignTerms? Campaign,
    TimeZoneInfo TimeZone,
    IReadOnlyList<StoredClick> VisitorClicks,
    bool Holdout,
    FxRateTable? FxRates,
    FraudRules Rules,
    int CampaignPayableToday,
    IReadOnlyDictionary<Guid, int> AffiliatePayableToday,
    Guid? LeadConversionId);

public static class ConversionDecision
{
    /// <summary>Pure: attribute the conversion under the campaign's model, or reject it with a reason.</summary>
    public static object Decide(ConversionFacts f)
    {
        if (f.Campaign is not { } campaign) return Reject(f, null, RejectionReasons.UnknownCampaign);

        var amount = f.Amount ?? 0m;
        var currency = f.Currency ?? campaign.Currency;
        decimal? originalAmount = null;
        string? originalCurrency = null;
        if (currency != campaign.Currency)
        {
            if (f.FxRates?.Convert(amount, currency, campaign.Currency) is not { } converted)
                return Reject(f, campaign.CampaignId, RejectionReasons.NoFxRate);
            (originalAmount, originalCurrency, amount) = (amount, currency, Money.ToCents(converted));
        }

        var window = campaign.Attribution.WindowDays;
        var touches = AttributionModels.InWindow(
            f.VisitorClicks.Where(c => c.Billable).Select(c => new Touch(c.ClickId, c.LinkId, c.AffiliateId, c.VariantId, c.ClickedAt)),
            f.OccurredAt, window);
        var flags = new List<string>();
        IReadOnlyList<Credit> credits = [];
        if (f.Holdout)
        {
            if (!AttributionModels.InWindow(f.VisitorClicks.Select(c => new Touch(c.ClickId, c.LinkId, c.AffiliateId, null, c.ClickedAt)), f.OccurredAt, window).Any())
                return Reject(f, campaign.CampaignId, RejectionReasons.NoTouch);
            flags.Add(FraudReasons.Holdout);
            touches = [];
        }
        else
        {
            if (touches.Count == 0)
                return Reject(f, campaign.CampaignId,
                    f.VisitorClicks.Any(c => c.Billable && c.ClickedAt <= f.OccurredAt) ? RejectionReasons.OutsideWindow : RejectionReasons.NoTouch);
            credits = AttributionModels.Credit(campaign.Attribution.Model, touches, f.OccurredAt, window, campaign.Attribution.HalfLifeDays);
            if (f.OccurredAt - touches[^1].ClickedAt < TimeSpan.FromSeconds(f.Rules.MinClickToConversionSeconds))
                flags.Add(FraudReasons.FastConversion);
            if (campaign.Caps?.DailyConversions is { } cap && f.CampaignPayableToday >= cap)
                flags.Add(FraudReasons.Capped);
            if (campaign.Caps?.AffiliateDailyConversions is { } affiliateCap
                && credits.Any(c => f.AffiliatePayableToday.GetValueOrDefault(c.AffiliateId) >= affiliateCap))
                flags.Add(FraudReasons.AffiliateCapped);
        }

        return new AttributionRecorded(new ConversionAttributed(
            f.ConversionId, campaign.CampaignId, f.Type, amount, campaign.Currency, originalAmount, originalCurrency,
            f.OrderId, f.CustomerId, f.VisitorId, f.OccurredAt, LiveCampaignView.DayIn(f.TimeZone, f.OccurredAt),
            campaign.Channel, campaign.Attribution.Model, credits, touches, f.Holdout, Payable: flags.Count == 0, flags,
            campaign.Payout, f.LeadConversionId));
    }

    private static RejectionRecorded Reject(ConversionFacts f, Guid? campaignId, string reason) =>
        new(new ConversionRejected(f.ConversionId, campaignId, f.Type, reason, f.OccurredAt));
}
