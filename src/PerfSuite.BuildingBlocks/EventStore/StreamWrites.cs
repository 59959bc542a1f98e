using JasperFx;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Http;
using PerfSuite.BuildingBlocks.Http;

namespace PerfSuite.BuildingBlocks.EventStore;

/// <summary>
/// The one way endpoints change an aggregate: fetch for writing (at the If-Match version when given),
/// decide, append, commit — with 404 for an unknown (or other tenant's) stream, 409 for a rule violation,
/// 412 for a stale If-Match and 409 for a concurrent writer when no version was given.
/// </summary>
public static class StreamWrites
{
    public static async Task<IResult> Write<T>(
        this IDocumentSession session,
        Guid id,
        long? expectedVersion,
        Func<T, IReadOnlyList<object>> decide,
        Func<T, long, IResult> onSuccess,
        CancellationToken ct,
        string what = "The resource") where T : class
    {
        try
        {
            // An unknown stream (or another tenant's) is 404 whatever If-Match says; Marten would call it stale.
            if (expectedVersion is not null && await session.Events.FetchStreamStateAsync(id, ct) is null)
                return ProblemResults.NotFound(what);
            var stream = expectedVersion is { } v
                ? await session.Events.FetchForWriting<T>(id, v, ct)
                : await session.Events.FetchForWriting<T>(id, ct);
            if (stream.Aggregate is null) return ProblemResults.NotFound(what);

            IReadOnlyList<object> events;
            try { events = decide(stream.Aggregate); }
            catch (DomainRuleViolation rule) { return ProblemResults.Conflict(rule.Code, rule.Message); }

            if (events.Count > 0)
            {
                stream.AppendMany(events);
                await session.SaveChangesAsync(ct);
            }
            var latest = await session.Events.FetchLatest<T>(id, ct);
            var version = (await session.Events.FetchStreamStateAsync(id, ct))?.Version ?? stream.CurrentVersion ?? 0;
            return onSuccess(latest ?? stream.Aggregate, version);
        }
        catch (Exception e) when (IsConcurrencyConflict(e))
        {
            return expectedVersion is not null
                ? ProblemResults.PreconditionFailed("The resource changed since you read it; GET it again and retry with the new ETag.")
                : ProblemResults.Conflict("concurrent-update", "The resource was changed by another request at the same time; retry.");
        }
    }

    /// <summary>Marten reports a lost optimistic-concurrency race with a few exception types across versions.</summary>
    public static bool IsConcurrencyConflict(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is ConcurrencyException || x.GetType().Name.Contains("UnexpectedMaxEventId", StringComparison.Ordinal)
                || x is ExistingStreamIdCollisionException)
                return true;
        return false;
    }
}
