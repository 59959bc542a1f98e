using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace PerfSuite.BuildingBlocks.Http;

/// <summary>Collects field errors (camelCase JSON paths) and turns them into one 400 problem.</summary>
public sealed partial class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validator Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Validator Require(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "is required");
        else if (value.Length > maxLength) Add(field, $"must be at most {maxLength} characters");
        return this;
    }

    public Validator Require<T>(string field, T? value) where T : struct
    {
        if (value is null) Add(field, "is required");
        return this;
    }

    public Validator RequireNonEmpty(string field, Guid? value)
    {
        if (value is null || value == Guid.Empty) Add(field, "is required");
        return this;
    }

    public Validator Url(string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, "is required");
        }
        else if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                 || string.IsNullOrEmpty(uri.Host) || value.Length > 2000)
        {
            Add(field, "must be an absolute http or https URL");
        }
        return this;
    }

    public Validator Currency(string field, string? value, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, "is required");
        }
        else if (!Money.IsKnownCurrency(value))
        {
            Add(field, "must be an ISO 4217 currency code such as USD or EUR");
        }
        return this;
    }

    public Validator OneOf(string field, string? value, IReadOnlyCollection<string> allowed, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, $"is required (one of {string.Join(", ", allowed)})");
        }
        else if (!allowed.Contains(value))
        {
            Add(field, $"must be one of {string.Join(", ", allowed)}");
        }
        return this;
    }

    public Validator NonNegative(string field, decimal? value)
    {
        if (value is < 0) Add(field, "must not be negative");
        return this;
    }

    public Validator Positive(string field, decimal? value)
    {
        if (value is <= 0) Add(field, "must be greater than zero");
        return this;
    }

    public Validator Range(string field, decimal? value, decimal min, decimal max)
    {
        if (value is { } v && (v < min || v > max)) Add(field, $"must be between {min} and {max}");
        return this;
    }

    public Validator Email(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "is required");
        else if (value.Length > 254 || !EmailPattern().IsMatch(value)) Add(field, "must be an email address");
        return this;
    }

    public Validator When(bool condition, string field, string message)
    {
        if (condition) Add(field, message);
        return this;
    }

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public IResult ToProblem() => ProblemResults.Validation(Errors);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
