using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PerfSuite.BuildingBlocks.Http;

/// <summary>ETag = the aggregate's stream version, quoted.</summary>
public static class ETags
{
    public static string For(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void Set(HttpResponse response, long version) => response.Headers.ETag = For(version);

    /// <summary>Parses If-Match (<c>"5"</c>, <c>W/"5"</c> or <c>5</c>); null when absent or not a version.</summary>
    public static long? IfMatch(HttpRequest request)
    {
        var raw = request.Headers.IfMatch.ToString().Trim();
        if (raw.StartsWith("W/", StringComparison.Ordinal)) raw = raw[2..];
        raw = raw.Trim('"');
        return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
