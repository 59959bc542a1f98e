using System.Security.Cryptography;
using System.Text;

namespace PerfSuite.Affiliates.Ledger;

/// <summary>
/// Commission ids derived from what caused them, so that a second consumption of the same fact finds the
/// stream it started the first time instead of creating another commission.
/// </summary>
public static class CommissionIds
{
    public static Guid ForConversion(Guid conversionId, Guid affiliateId) => Derive($"conversion/{conversionId:N}/{affiliateId:N}");

    public static Guid ForTraffic(Guid messageId, Guid linkId, DateOnly day) => Derive($"traffic/{messageId:N}/{linkId:N}/{day:yyyy-MM-dd}");

    public static Guid ClawbackOf(Guid commissionId) => Derive($"clawback/{commissionId:N}");

    private static Guid Derive(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        var bytes = hash[..16].ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5-style (name-based) marker
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
