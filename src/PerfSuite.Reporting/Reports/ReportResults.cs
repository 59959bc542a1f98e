using System.Globalization;
using System.Reflection;
using System.Text.Json;
using CsvHelper;

namespace PerfSuite.Reporting.Reports;

/// <summary>Every report answers JSON, or CSV (same rows, same camelCase names) when the caller sends <c>Accept: text/csv</c>.</summary>
public static class ReportResults
{
    public const string CsvMediaType = "text/csv";

    public static IResult Rows<T>(HttpContext http, IReadOnlyList<T> rows) =>
        WantsCsv(http.Request) ? Csv(rows) : Results.Ok(rows);

    /// <summary>A report that is one object in JSON and one row in CSV.</summary>
    public static IResult Single<T>(HttpContext http, T row) =>
        WantsCsv(http.Request) ? Csv([row]) : Results.Ok(row);

    public static bool WantsCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(CsvMediaType, StringComparison.OrdinalIgnoreCase));

    private static IResult Csv<T>(IReadOnlyList<T> rows) => Results.Text(ToCsv(rows), $"{CsvMediaType}; charset=utf-8");

    /// <summary>RFC 4180 CSV (CsvHelper quotes and escapes): a header of the JSON names, then one line per row, invariant culture, null as empty.</summary>
    public static string ToCsv<T>(IEnumerable<T> rows)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, null, leaveOpen: true))
        {
            csv.WriteHeader(properties.Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToArray());
            foreach (var row in rows)
                csv.WriteRecord(properties.Select(p => Format(p.GetValue(row))).ToArray());
        }
        return text.ToString();
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
