using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;

namespace PerfSuite.Gateway.Keys;

public sealed record CreateKeyRequest(string? Role, Guid? AffiliateId, string? Name);

public sealed record KeyResponse(Guid Id, string Role, Guid? AffiliateId, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static KeyResponse From(ApiKeyRecord k) => new(k.Id, k.Role, k.AffiliateId, k.Name, k.Prefix, k.CreatedAt, k.RevokedAt);
}

public sealed record KeyCreatedResponse(Guid Id, string Role, Guid? AffiliateId, string Name, string ApiKey);

public static class KeysApi
{
    public static Validator Validate(CreateKeyRequest r) => new Validator()
        .OneOf("role", r.Role, Roles.All)
        .When(r.Role == Roles.Affiliate && (r.AffiliateId is null || r.AffiliateId == Guid.Empty), "affiliateId", "is required for the affiliate role")
        .When(r.Role != Roles.Affiliate && r.AffiliateId is not null, "affiliateId", "applies only to the affiliate role")
        .When(r.Name is { Length: > 200 }, "name", "must be at most 200 characters");

    public static void MapKeysApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/keys", async (CreateKeyRequest request, HttpContext http, ApiKeyStore keys, CancellationToken ct) =>
        {
            if (http.Caller() is not { Role: Roles.Admin } caller) return ProblemResults.Forbidden("Only an admin key manages API keys.");
            var v = Validate(request);
            if (!v.IsValid) return v.ToProblem();
            var (record, apiKey) = await keys.CreateKeyAsync(caller.TenantId, request.Role!, request.AffiliateId, request.Name?.Trim() ?? request.Role!, ct);
            return Results.Created($"/api/keys/{record.Id}", new KeyCreatedResponse(record.Id, record.Role, record.AffiliateId, record.Name, apiKey));
        }).WithName("CreateApiKey");

        app.MapGet("/api/keys", async (HttpContext http, ApiKeyStore keys, CancellationToken ct) =>
        {
            if (http.Caller() is not { Role: Roles.Admin } caller) return ProblemResults.Forbidden("Only an admin key manages API keys.");
            return Results.Ok((await keys.ListAsync(caller.TenantId, ct)).Select(KeyResponse.From));
        }).WithName("ListApiKeys");

        app.MapDelete("/api/keys/{id:guid}", async (Guid id, HttpContext http, ApiKeyStore keys, CancellationToken ct) =>
        {
            if (http.Caller() is not { Role: Roles.Admin } caller) return ProblemResults.Forbidden("Only an admin key manages API keys.");
            return await keys.RevokeAsync(caller.TenantId, id, ct) ? Results.NoContent() : ProblemResults.NotFound("The API key");
        }).WithName("RevokeApiKey");
    }
}
