using PerfSuite.BuildingBlocks.Http;
using PerfSuite.Gateway.Keys;

namespace PerfSuite.Gateway.Tenants;

public sealed record CreateTenantRequest(string? Name, string? Currency, string? TimeZone);

public sealed record TenantCreatedResponse(string TenantId, string Name, string Currency, string TimeZone, string ApiKey);

public static class CreateTenant
{
    public static Validator Validate(CreateTenantRequest r) => new Validator()
        .Require("name", r.Name)
        .Currency("currency", r.Currency)
        .When(string.IsNullOrWhiteSpace(r.TimeZone), "timeZone", "is required (an IANA time zone such as Europe/Berlin)")
        .When(!string.IsNullOrWhiteSpace(r.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(r.TimeZone, out _),
            "timeZone", "must be an IANA time zone such as Europe/Berlin");

    public static void MapCreateTenant(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/admin/tenants", async (CreateTenantRequest request, HttpContext http, ApiKeyStore keys, CancellationToken ct) =>
            {
                if (!http.IsOperator()) return ProblemResults.Forbidden("Only the platform operator's key creates tenants.");
                var v = Validate(request);
                if (!v.IsValid) return v.ToProblem();
                var (tenant, apiKey) = await keys.CreateTenantAsync(request.Name!.Trim(), request.Currency!, request.TimeZone!, ct);
                return Results.Created($"/api/admin/tenants/{tenant.Id}",
                    new TenantCreatedResponse(tenant.Id, tenant.Name, tenant.Currency, tenant.TimeZone, apiKey));
            })
            .WithName("CreateTenant");
}
