using Microsoft.Extensions.Caching.Memory;

namespace PerfSuite.Conversions.Tracking;

/// <summary>
/// Remembers who clicked which link for the tenant's duplicate window. The visitor is its id (vid or
/// cookie) when it brought one, else its IP and user agent. Per replica, in memory: a duplicate that lands on
/// another replica is billed once more, which the window's purpose (stopping click spam) tolerates.
/// </summary>
public sealed class DuplicateClickGuard(IMemoryCache seen)
{
    public bool IsDuplicate(Guid linkId, string visitorKey, int windowSeconds, DateTimeOffset now)
    {
        if (windowSeconds <= 0) return false;
        var key = (linkId, visitorKey);
        if (seen.TryGetValue(key, out DateTimeOffset until) && until > now) return true;
        seen.Set(key, now.AddSeconds(windowSeconds), TimeSpan.FromSeconds(windowSeconds));
        return false;
    }
}
