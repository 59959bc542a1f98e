using Marten;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;

namespace PerfSuite.Conversions.FxRates;

/// <summary>A tenant's exchange rates: 1 unit of Base = Rates[code] units of code.</summary>
public sealed record FxRateTable(string Id, string Base, IReadOnlyDictionary<string, decimal> Rates, DateTimeOffset AsOf)
{
    public const string DocumentId = "fx-rates";

    /// <summary>The amount in <paramref name="to"/>, or null when a rate is missing (never a silent 1:1).</summary>
    public decimal? Convert(decimal amount, string from, string to)
    {
        if (from == to) return amount;
        var fromRate = RateOf(from);
        var toRate = RateOf(to);
        if (fromRate is null || toRate is null) return null;
        return amount / fromRate.Value * toRate.Value;
    }

    private decimal? RateOf(string currency) => currency == Base ? 1m : Rates.TryGetValue(currency, out var r) ? r : null;
}

public sealed record FxRatesRequest(string? Base, IReadOnlyDictionary<string, decimal?>? Rates, DateTimeOffset? AsOf);

public static class FxRatesApi
{
    public static void MapFxRates(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/fx-rates", async (IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<FxRateTable>(FxRateTable.DocumentId, ct) is { } table
                    ? Results.Ok(table)
                    : ProblemResults.NotFound("The exchange-rate table"))
            .RequireAuthorization(Policies.Reader)
            .WithName("GetFxRates");

        app.MapPut("/api/fx-rates", async (FxRatesRequest? body, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
            {
                if (body is null) return ProblemResults.Validation("body", "is required");
                var v = new Validator().Currency("base", body.Base?.ToUpperInvariant());
                v.When(body.Rates?.Keys.GroupBy(k => k.ToUpperInvariant()).Any(g => g.Count() > 1) == true, "rates", "names a currency twice");
                if (body.Rates is null or { Count: 0 }) v.Add("rates", "must name at least one currency");
                foreach (var (code, rate) in body.Rates ?? new Dictionary<string, decimal?>())
                {
                    v.Currency($"rates.{code}", code.ToUpperInvariant());
                    v.When(rate is null or <= 0, $"rates.{code}", "must be a rate greater than zero");
                }
                if (!v.IsValid) return v.ToProblem();

                var table = new FxRateTable(FxRateTable.DocumentId, body.Base!.ToUpperInvariant(),
                    body.Rates!.ToDictionary(r => r.Key.ToUpperInvariant(), r => r.Value!.Value), body.AsOf ?? time.GetUtcNow());
                session.Store(table);
                await session.SaveChangesAsync(ct);
                return Results.Ok(table);
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("PutFxRates");
    }
}
