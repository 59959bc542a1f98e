using Marten;
using Marten.Events.Projections;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Reporting.Campaigns;

namespace PerfSuite.Reporting.Platform;

/// <summary>Figures an ad platform reports for one campaign and day, in the campaign currency. A later import of the same day replaces the earlier one.</summary>
public sealed record PlatformStatsImported(Guid CampaignId, DateOnly Day, decimal Spend, decimal Conversions, decimal Revenue, string Currency, DateTimeOffset ImportedAt);

public sealed record PlatformDay(string Id, Guid CampaignId, DateOnly Day, decimal Spend, decimal Conversions, decimal Revenue, string Currency, DateTimeOffset ImportedAt)
{
    public static string IdOf(Guid campaignId, DateOnly day) => $"{campaignId:N}|{day:yyyyMMdd}";

    /// <summary>
    /// Imports go to a stream of their own per campaign and day (a name-based id), not to the campaign stream the consumers
    /// append to, so an import never waits for or collides with the consumers' appends.
    /// </summary>
    public static Guid StreamOf(Guid campaignId, DateOnly day) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"platform-stats:{IdOf(campaignId, day)}"))[..16]);
}

public partial class PlatformDayProjection : MultiStreamProjection<PlatformDay, string>
{
    public PlatformDayProjection() => Identity<PlatformStatsImported>(e => PlatformDay.IdOf(e.CampaignId, e.Day));

    public static PlatformDay Create(PlatformStatsImported e) =>
        new(PlatformDay.IdOf(e.CampaignId, e.Day), e.CampaignId, e.Day, e.Spend, e.Conversions, e.Revenue, e.Currency, e.ImportedAt);

    public static PlatformDay Apply(PlatformDay _, PlatformStatsImported e) => Create(e);
}

public sealed record ImportPlatformStatsRequest(Guid? CampaignId, DateOnly? Date, decimal? Spend, decimal? Conversions, decimal? Revenue, string? Currency);

public static class ImportPlatformStats
{
    public static void MapImportPlatformStats(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/platform-stats", async (ImportPlatformStatsRequest? request, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
            {
                request ??= new ImportPlatformStatsRequest(null, null, null, null, null, null);
                var v = new Validator()
                    .RequireNonEmpty("campaignId", request.CampaignId)
                    .Require("date", request.Date)
                    .Require("spend", request.Spend).NonNegative("spend", request.Spend)
                    .Require("conversions", request.Conversions).NonNegative("conversions", request.Conversions)
                    .Require("revenue", request.Revenue).NonNegative("revenue", request.Revenue)
                    .Currency("currency", request.Currency, required: false);
                if (!v.IsValid) return v.ToProblem();

                var campaign = await session.LoadAsync<ReportCampaign>(request.CampaignId!.Value, ct);
                if (campaign is null)
                    return new Validator().Add("campaignId", "is not a launched campaign of this tenant").ToProblem();
                if (request.Currency is { } currency && currency != campaign.Currency)
                    return new Validator().Add("currency", $"must be the campaign currency {campaign.Currency}").ToProblem();

                var imported = new PlatformStatsImported(campaign.Id, request.Date!.Value, request.Spend!.Value, request.Conversions!.Value,
                    request.Revenue!.Value, campaign.Currency, clock.GetUtcNow());
                session.Events.Append(PlatformDay.StreamOf(campaign.Id, imported.Day), imported);
                await session.SaveChangesAsync(ct);
                return Results.Ok(PlatformDayProjection.Create(imported));
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("ImportPlatformStats");
}
