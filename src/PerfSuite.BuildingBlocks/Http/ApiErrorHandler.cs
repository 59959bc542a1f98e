using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PerfSuite.BuildingBlocks.Http;

/// <summary>
/// Turns binding failures (malformed JSON, a string where a number belongs, a missing body) into a 400
/// problem naming the field, and anything unexpected into a 500 problem without internals.
/// </summary>
public sealed class ApiErrorHandler(ILogger<ApiErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        IResult result;
        if (exception is BadHttpRequestException bad)
        {
            var json = FindJsonException(bad);
            var field = json?.Path is { Length: > 0 } path ? ToField(path) : "body";
            var message = json is not null ? "has a value of the wrong type or is malformed JSON" : bad.Message;
            result = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ProblemResults.Problem(413, "payload-too-large", "Payload too large", bad.Message)
                : ProblemResults.Validation(field, message);
        }
        else
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            result = ProblemResults.Problem(500, "internal", "Internal error", "Something went wrong; the request changed nothing it could not finish.");
        }
        await result.ExecuteAsync(context);
        return true;
    }

    private static JsonException? FindJsonException(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is JsonException j) return j;
        return null;
    }

    /// <summary>"$.budget.total" → "budget.total"; "$['payout'].model" → "payout.model".</summary>
    public static string ToField(string jsonPath)
    {
        var p = jsonPath.TrimStart('$').Replace("['", ".").Replace("']", "").TrimStart('.');
        return p.Length == 0 ? "body" : p;
    }
}
