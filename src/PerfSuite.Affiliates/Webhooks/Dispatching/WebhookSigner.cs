using System.Security.Cryptography;
using System.Text;

namespace PerfSuite.Affiliates.Webhooks.Dispatching;

/// <summary>Standard Webhooks signatures: v1,base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")) per active secret.</summary>
public static class WebhookSigner
{
    public const string Prefix = "whsec_";

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
        var signature = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(signature);
    }

    /// <summary>The webhook-signature header value: one signature per secret, space separated.</summary>
    public static string Header(IEnumerable<string> secrets, string messageId, long timestamp, string body) =>
        string.Join(' ', secrets.Select(s => Sign(s, messageId, timestamp, body)));
}
