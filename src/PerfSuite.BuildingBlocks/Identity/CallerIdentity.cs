using System.Security.Claims;

namespace PerfSuite.BuildingBlocks.Identity;

public static class Roles
{
    public const string Admin = "admin";
    public const string Analyst = "analyst";
    public const string Affiliate = "affiliate";
    public static readonly string[] All = [Admin, Analyst, Affiliate];
}

/// <summary>Who is calling, as resolved by the gateway from the API key.</summary>
public sealed record CallerIdentity(string TenantId, string Role, Guid? AffiliateId, string TimeZone, string Currency)
{
    public const string TenantClaim = "perfsuite:tenant";
    public const string AffiliateClaim = "perfsuite:affiliate";
    public const string TimeZoneClaim = "perfsuite:tz";
    public const string CurrencyClaim = "perfsuite:currency";

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim>
        {
            new(TenantClaim, TenantId),
            new(ClaimTypes.Role, Role),
            new(TimeZoneClaim, TimeZone),
            new(CurrencyClaim, Currency),
        };
        if (AffiliateId is { } a) claims.Add(new Claim(AffiliateClaim, a.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static CallerIdentity From(ClaimsPrincipal user) =>
        new(user.FindFirstValue(TenantClaim) ?? throw new InvalidOperationException("No tenant on the caller"),
            user.FindFirstValue(ClaimTypes.Role) ?? "",
            Guid.TryParse(user.FindFirstValue(AffiliateClaim), out var a) ? a : null,
            user.FindFirstValue(TimeZoneClaim) ?? "UTC",
            user.FindFirstValue(CurrencyClaim) ?? "USD");
}

public static class ClaimsPrincipalExtensions
{
    public static CallerIdentity Caller(this ClaimsPrincipal user) => CallerIdentity.From(user);
    public static string TenantId(this ClaimsPrincipal user) =>
        user.FindFirstValue(CallerIdentity.TenantClaim) ?? throw new InvalidOperationException("No tenant on the caller");
}
