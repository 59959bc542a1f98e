using System.Globalization;
using System.Text;
using CsvHelper;
using Marten;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;

namespace PerfSuite.Affiliates.Payouts.Listing;

public static class ListPayouts
{
    public static void MapListPayouts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/payouts", async (IQuerySession session, string? affiliateId, CancellationToken ct) =>
            {
                Guid? affiliate = null;
                if (affiliateId is not null)
                {
                    if (!Guid.TryParse(affiliateId, out var a)) return ProblemResults.Validation("affiliateId", "must be a UUID");
                    affiliate = a;
                }
                return Results.Ok(await QueryAsync(session, affiliate, ct));
            })
            .RequireAuthorization(Policies.Reader)
            .WithName("ListPayouts");

        app.MapGet("/api/payouts/{id:guid}", async (Guid id, HttpContext http, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<Payout>(id, ct) is { } payout ? Respond(http, payout) : ProblemResults.NotFound("The payout"))
            .RequireAuthorization(Policies.Reader)
            .WithName("GetPayout");

        app.MapGet("/api/me/payouts", async (HttpContext http, IQuerySession session, CancellationToken ct) =>
                Results.Ok(await QueryAsync(session, http.User.Caller().AffiliateId, ct)))
            .RequireAuthorization(Policies.Affiliate)
            .WithName("ListMyPayouts");

        app.MapGet("/api/me/payouts/{id:guid}", async (Guid id, HttpContext http, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<Payout>(id, ct) is { } payout && payout.AffiliateId == http.User.Caller().AffiliateId
                    ? Respond(http, payout)
                    : ProblemResults.NotFound("The payout"))
            .RequireAuthorization(Policies.Affiliate)
            .WithName("GetMyPayout");
    }

    private static async Task<IEnumerable<PayoutResponse>> QueryAsync(IQuerySession session, Guid? affiliateId, CancellationToken ct)
    {
        var query = session.Query<Payout>().AsQueryable();
        if (affiliateId is { } id) query = query.Where(p => p.AffiliateId == id);
        var payouts = await query.OrderByDescending(p => p.CreatedAt).Take(1000).ToListAsync(ct);
        return payouts.Select(PayoutResponse.From);
    }

    /// <summary>JSON, or with <c>Accept: text/csv</c> one CSV row per paid commission (clawbacks as negative rows).</summary>
    private static IResult Respond(HttpContext http, Payout payout)
    {
        if (!http.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase))
            return Results.Ok(PayoutResponse.From(payout));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(writer, null, leaveOpen: true))
        {
            foreach (var header in Header) csv.WriteField(header);
            csv.EndRecord();
            foreach (var line in payout.Lines)
            {
                csv.WriteField(payout.Id.ToString());
                csv.WriteField(payout.AffiliateId.ToString());
                csv.WriteField(line.CommissionId.ToString());
                csv.WriteField(line.CampaignId.ToString());
                csv.WriteField(line.ConversionId?.ToString() ?? "");
                csv.WriteField(line.Kind);
                csv.WriteField(line.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                csv.WriteField(line.Amount.ToString("0.00", CultureInfo.InvariantCulture));
                csv.WriteField(payout.Currency);
                csv.EndRecord();
            }
            csv.Flush();
        }
        return Results.Text(writer.ToString(), "text/csv", Encoding.UTF8);
    }

    private static readonly string[] Header = ["payoutId", "affiliateId", "commissionId", "campaignId", "conversionId", "kind", "day", "amount", "currency"];
}
