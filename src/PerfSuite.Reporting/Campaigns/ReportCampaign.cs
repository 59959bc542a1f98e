using Marten;
using MassTransit;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Contracts;

namespace PerfSuite.Reporting.Campaigns;

/// <summary>Reporting's view of a campaign: the dimensions its KPI rows are labelled with and the terms reports compare against.</summary>
public sealed record ReportCampaign(
    Guid Id,
    Guid AdvertiserId,
    string Name,
    string Channel,
    string Currency,
    string TimeZone,
    string Status,
    DateTimeOffset LaunchedAt,
    AttributionTerms? Attribution = null,
    TargetTerms? Targets = null,
    decimal HoldoutPercent = 0,
    IReadOnlyList<VariantTerms>? Variants = null,
    DateTimeOffset TermsAsOf = default)
{
    public static ReportCampaign From(CampaignTerms c, DateTimeOffset launchedAt, DateTimeOffset termsAsOf) =>
        new(c.CampaignId, c.AdvertiserId, c.Name, c.Channel, c.Currency, c.TimeZone, c.Status, launchedAt,
            c.Attribution, c.Targets, c.HoldoutPercent, c.Variants, termsAsOf);

    /// <summary>
    /// The launch may arrive after an update (separate queues): the newer terms stay, the launch time is the launch's.
    /// </summary>
    public static ReportCampaign Launched(ReportCampaign? existing, CampaignLaunched e) =>
        existing is not null && existing.TermsAsOf >= e.LaunchedAt
            ? existing with { LaunchedAt = e.LaunchedAt }
            : From(e.Campaign, e.LaunchedAt, e.LaunchedAt);

    /// <summary>
    /// Newer terms replace older ones; an update older than what is held changes nothing (null). Before the launch has
    /// arrived, the update's time stands in for the launch time until the launch corrects it.
    /// </summary>
    public static ReportCampaign? Updated(ReportCampaign? existing, CampaignUpdated e) =>
        existing is not null && existing.TermsAsOf > e.UpdatedAt
            ? null
            : From(e.Campaign, existing?.LaunchedAt ?? e.UpdatedAt, e.UpdatedAt);

    public string? VariantName(Guid? variantId) =>
        variantId is null ? null : Variants?.FirstOrDefault(v => v.VariantId == variantId)?.Name;
}

/// <summary>
/// Launches and updates come through separate queues, so in either order; the campaign document is optimistic (two at
/// once: the loser is retried and re-reads), and <see cref="ReportCampaign.Launched"/>/<see cref="ReportCampaign.Updated"/>
/// keep the newest terms.
/// </summary>
public sealed class CampaignLaunchedConsumer(IDocumentStore store) : IdempotentConsumer<CampaignLaunched>(store)
{
    protected override async Task Handle(CampaignLaunched message, IDocumentSession session, ConsumeContext<CampaignLaunched> context)
    {
        var existing = await session.LoadAsync<ReportCampaign>(message.Campaign.CampaignId, context.CancellationToken);
        Save(session, existing, ReportCampaign.Launched(existing, message));
    }

    internal static void Save(IDocumentSession session, ReportCampaign? existing, ReportCampaign? next)
    {
        if (next is null) return;
        if (existing is null) session.Insert(next);
        else session.Update(next);
    }
}

public sealed class CampaignUpdatedConsumer(IDocumentStore store) : IdempotentConsumer<CampaignUpdated>(store)
{
    protected override async Task Handle(CampaignUpdated message, IDocumentSession session, ConsumeContext<CampaignUpdated> context)
    {
        var existing = await session.LoadAsync<ReportCampaign>(message.Campaign.CampaignId, context.CancellationToken);
        CampaignLaunchedConsumer.Save(session, existing, ReportCampaign.Updated(existing, message));
    }
}
