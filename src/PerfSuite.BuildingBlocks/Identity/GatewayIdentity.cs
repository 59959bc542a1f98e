using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PerfSuite.BuildingBlocks.Identity;

/// <summary>
/// The identity the gateway forwards to services: plain headers plus an HMAC-SHA256 over them with a
/// key only the gateway and the services share (configuration <c>Identity:SigningKey</c>). The gateway
/// strips any of these headers that arrive from outside, so a caller cannot forge them, and a service
/// reached directly has no valid signature and answers 401.
/// </summary>
public sealed class GatewayIdentity
{
    public const string TenantHeader = "X-PerfSuite-Tenant";
    public const string RoleHeader = "X-PerfSuite-Role";
    public const string AffiliateHeader = "X-PerfSuite-Affiliate";
    public const string TimeZoneHeader = "X-PerfSuite-TimeZone";
    public const string CurrencyHeader = "X-PerfSuite-Currency";
    public const string IssuedAtHeader = "X-PerfSuite-Issued-At";
    public const string SignatureHeader = "X-PerfSuite-Signature";

    public static readonly string[] AllHeaders =
        [TenantHeader, RoleHeader, AffiliateHeader, TimeZoneHeader, CurrencyHeader, IssuedAtHeader, SignatureHeader];

    /// <summary>A signature older than this is refused, so a captured one cannot be replayed for long.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public GatewayIdentity(string signingKey, TimeProvider? time = null)
    {
        if (string.IsNullOrWhiteSpace(signingKey) || signingKey.Length < 32)
            throw new InvalidOperationException(
                "Identity:SigningKey must be set to a secret of at least 32 characters shared by the gateway and the services (the AppHost generates one per run).");
        _key = Encoding.UTF8.GetBytes(signingKey);
        _time = time ?? TimeProvider.System;
    }

    public void Write(IHeaderDictionary headers, CallerIdentity identity)
    {
        var issuedAt = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        headers[TenantHeader] = identity.TenantId;
        headers[RoleHeader] = identity.Role;
        headers[AffiliateHeader] = identity.AffiliateId?.ToString() ?? "";
        headers[TimeZoneHeader] = identity.TimeZone;
        headers[CurrencyHeader] = identity.Currency;
        headers[IssuedAtHeader] = issuedAt;
        headers[SignatureHeader] = Sign(identity, issuedAt);
    }

    public CallerIdentity? Read(IHeaderDictionary headers)
    {
        string tenant = headers[TenantHeader].ToString(), role = headers[RoleHeader].ToString(),
            affiliate = headers[AffiliateHeader].ToString(), tz = headers[TimeZoneHeader].ToString(),
            currency = headers[CurrencyHeader].ToString(), issuedAt = headers[IssuedAtHeader].ToString(),
            signature = headers[SignatureHeader].ToString();
        if (tenant.Length == 0 || role.Length == 0 || signature.Length == 0) return null;
        if (!long.TryParse(issuedAt, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return null;
        var age = _time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age > MaxAge || age < -MaxAge) return null;
        Guid? affiliateId = Guid.TryParse(affiliate, out var a) ? a : null;
        var identity = new CallerIdentity(tenant, role, affiliateId, tz, currency);
        var expected = Sign(identity, issuedAt);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? identity
            : null;
    }

    public static void Strip(IHeaderDictionary headers)
    {
        foreach (var h in AllHeaders) headers.Remove(h);
    }

    private string Sign(CallerIdentity id, string issuedAt)
    {
        var payload = string.Join('\n', id.TenantId, id.Role, id.AffiliateId?.ToString() ?? "", id.TimeZone, id.Currency, issuedAt);
        return Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload)));
    }
}
