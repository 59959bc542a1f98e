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
    IReadOnlyList<VariantTerms>? Variants = null)
{
    public static ReportCampaign From(CampaignTerms c, DateTimeOffset launchedAt) =>
        new(c.CampaignId, c.AdvertiserId, c.Name, c.Channel, c.Currency, c.TimeZone, c.Status, launchedAt,
            c.Attribution, c.Targets, c.HoldoutPercent, c.Variants);

    public string? VariantName(Guid? variantId) =>
        variantId is null ? null : Variants?.FirstOrDefault(v => v.VariantId == variantId)?.Name;
}

public sealed class CampaignLaunchedConsumer(IDocumentStore store) : IdempotentConsumer<CampaignLaunched>(store)
{
    protected override Task Handle(CampaignLaunched message, IDocumentSession session, ConsumeContext<CampaignLaunched> context)
    {
        session.Store(ReportCampaign.From(message.Campaign, message.LaunchedAt));
        return Task.CompletedTask;
    }
}

public sealed class CampaignUpdatedConsumer(IDocumentStore store) : IdempotentConsumer<CampaignUpdated>(store)
{
    protected override async Task Handle(CampaignUpdated message, IDocumentSession session, ConsumeContext<CampaignUpdated> context)
    {
        var existing = await session.LoadAsync<ReportCampaign>(message.Campaign.CampaignId, context.CancellationToken);
        session.Store(ReportCampaign.From(message.Campaign, existing?.LaunchedAt ?? message.UpdatedAt));
    }
}
