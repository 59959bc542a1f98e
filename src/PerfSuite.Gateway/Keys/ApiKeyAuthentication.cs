using System.Security.Cryptography;
using System.Text;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;

namespace PerfSuite.Gateway.Keys;

/// <summary>
/// Every request first loses any identity headers it brought from outside. A bearer key is then
/// resolved: the operator key (configuration) marks an operator request, a tenant key becomes the
/// signed identity forwarded to the services, and the raw key itself is not forwarded.
/// /api/** needs a key; tracking (/c, /i, /p), health and API docs are public.
/// </summary>
public sealed class ApiKeyAuthentication(RequestDelegate next, ApiKeyStore keys, GatewayIdentity identity, IConfiguration configuration)
{
    public const string CallerItem = "perfsuite.caller";
    public const string KeyIdItem = "perfsuite.key-id";
    public const string OperatorItem = "perfsuite.operator";

    private readonly byte[]? _operatorKeyHash = string.IsNullOrWhiteSpace(configuration["Gateway:OperatorKey"])
        ? null
        : SHA256.HashData(Encoding.UTF8.GetBytes(configuration["Gateway:OperatorKey"]!));

    public async Task InvokeAsync(HttpContext context)
    {
        GatewayIdentity.Strip(context.Request.Headers);
        var isApi = context.Request.Path.StartsWithSegments("/api");
        var bearer = BearerKey(context.Request);
        context.Request.Headers.Authorization = default;

        if (bearer is not null && IsOperatorKey(bearer))
        {
            context.Items[OperatorItem] = true;
            context.Items[KeyIdItem] = "operator";
            if (isApi && !context.Request.Path.StartsWithSegments("/api/admin"))
            {
                await ProblemResults.Write(context, 403, "forbidden", "Forbidden", "The operator key manages tenants; use a tenant's API key for tenant data.");
                return;
            }
        }
        else if (bearer is not null)
        {
            var key = await keys.ResolveAsync(bearer, context.RequestAborted);
            if (key is null)
            {
                if (isApi)
                {
                    await ProblemResults.Write(context, 401, "unauthorized", "Unauthorized", "The API key is unknown or revoked.");
                    return;
                }
            }
            else
            {
                var caller = new CallerIdentity(key.TenantId, key.Role, key.AffiliateId, key.TenantTimeZone, key.TenantCurrency);
                context.Items[CallerItem] = caller;
                context.Items[KeyIdItem] = key.Id.ToString();
                identity.Write(context.Request.Headers, caller);
            }
        }

        if (isApi && !context.Items.ContainsKey(CallerItem) && !context.Items.ContainsKey(OperatorItem))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ProblemResults.Write(context, 401, "unauthorized", "Unauthorized", "Send an API key as `Authorization: Bearer <key>`.");
            return;
        }
        await next(context);
    }

    private bool IsOperatorKey(string key) =>
        _operatorKeyHash is not null && CryptographicOperations.FixedTimeEquals(_operatorKeyHash, SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string? BearerKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var key = header["Bearer ".Length..].Trim();
        return key.Length is > 0 and <= 200 ? key : null;
    }
}

public static class CallerExtensions
{
    public static CallerIdentity? Caller(this HttpContext context) => context.Items[ApiKeyAuthentication.CallerItem] as CallerIdentity;
    public static bool IsOperator(this HttpContext context) => context.Items.ContainsKey(ApiKeyAuthentication.OperatorItem);
}
