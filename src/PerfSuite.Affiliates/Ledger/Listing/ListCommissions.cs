using System.Globalization;
using Marten;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;

namespace PerfSuite.Affiliates.Ledger.Listing;

public static class ListCommissions
{
    public static readonly string[] Statuses = ["pending", "approved", "reversed", "paid"];

    public static void MapListCommissions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/commissions", (IQuerySession session, string? affiliateId, string? status, string? from, string? to, CancellationToken ct) =>
                QueryAsync(session, affiliateId, status, from, to, ct))
            .RequireAuthorization(Policies.Reader)
            .WithName("ListCommissions");

        app.MapGet("/api/commissions/{id:guid}", async (Guid id, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<Commission>(id, ct) is { } c ? Results.Ok(CommissionResponse.From(c)) : ProblemResults.NotFound("The commission"))
            .RequireAuthorization(Policies.Reader)
            .WithName("GetCommission");

        app.MapGet("/api/me/commissions", (HttpContext http, IQuerySession session, string? status, string? from, string? to, CancellationToken ct) =>
                QueryAsync(session, http.User.Caller().AffiliateId!.Value.ToString(), status, from, to, ct))
            .RequireAuthorization(Policies.Affiliate)
            .WithName("ListMyCommissions");
    }

    private static async Task<IResult> QueryAsync(IQuerySession session, string? affiliateId, string? status, string? from, string? to, CancellationToken ct)
    {
        var v = new Validator().OneOf("status", status, Statuses, required: false);
        Guid? affiliate = null;
        if (affiliateId is not null)
        {
            if (Guid.TryParse(affiliateId, out var a)) affiliate = a;
            else v.Add("affiliateId", "must be a UUID");
        }
        var fromDay = ParseDay(v, "from", from);
        var toDay = ParseDay(v, "to", to);
        v.When(fromDay > toDay, "to", "must not be before from");
        if (!v.IsValid) return v.ToProblem();

        var query = session.Query<Commission>().AsQueryable();
        if (affiliate is { } id) query = query.Where(c => c.AffiliateId == id);
        if (status is not null)
        {
            var wanted = Enum.Parse<CommissionStatus>(status, ignoreCase: true);
            query = query.Where(c => c.Status == wanted);
        }
        if (fromDay is { } f) query = query.Where(c => c.Day >= f);
        if (toDay is { } t) query = query.Where(c => c.Day <= t);
        var commissions = await query.OrderByDescending(c => c.CreatedAt).Take(1000).ToListAsync(ct);
        return Results.Ok(commissions.Select(CommissionResponse.From));
    }

    private static DateOnly? ParseDay(Validator v, string field, string? value)
    {
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        v.Add(field, "must be a date (yyyy-MM-dd)");
        return null;
    }
}
