using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace PerfSuite.BuildingBlocks.Http;

/// <summary>RFC 9457 problem details with a stable <c>type</c> per kind of problem.</summary>
public static class ProblemResults
{
    public const string TypeBase = "https://perfsuite.dev/problems/";

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Type = TypeBase + "validation",
            Title = "The request is not valid.",
            Detail = "See errors for each field.",
        });

    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult NotFound(string what) => Problem(StatusCodes.Status404NotFound, "not-found", "Not found", $"{what} was not found.");

    public static IResult Conflict(string type, string detail) => Problem(StatusCodes.Status409Conflict, type, "Conflict", detail);

    public static IResult PreconditionFailed(string detail) =>
        Problem(StatusCodes.Status412PreconditionFailed, "precondition-failed", "Precondition failed", detail);

    public static IResult PreconditionRequired() =>
        Problem(StatusCodes.Status428PreconditionRequired, "precondition-required", "Precondition required",
            "Send If-Match with the ETag from GET to change this resource.");

    public static IResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized", detail);

    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", detail);

    public static IResult Problem(int status, string type, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Type = TypeBase + type,
            Title = title,
            Detail = detail,
            Extensions = extensions ?? new Dictionary<string, object?>(),
        });

    /// <summary>For code that writes to the response directly (authentication handlers, middleware).</summary>
    public static Task Write(HttpContext context, int status, string type, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ProblemDetails
        {
            Status = status,
            Type = TypeBase + type,
            Title = title,
            Detail = detail,
        }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }
}
