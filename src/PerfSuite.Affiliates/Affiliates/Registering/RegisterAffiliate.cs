using Marten;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;

namespace PerfSuite.Affiliates.Affiliates.Registering;

public sealed record RegisterAffiliateRequest(string? Name, string? Email);

public static class RegisterAffiliate
{
    public static Validator Validate(RegisterAffiliateRequest r) =>
        new Validator().Require("name", r.Name).Email("email", r.Email);

    public static void MapRegisterAffiliate(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/affiliates", async (RegisterAffiliateRequest request, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
            {
                var validation = Validate(request);
                if (!validation.IsValid) return validation.ToProblem();

                var registered = new AffiliateRegistered(Guid.CreateVersion7(), request.Name!.Trim(), request.Email!.Trim(), time.GetUtcNow());
                session.Events.StartStream<Affiliate>(registered.AffiliateId, registered);
                await session.SaveChangesAsync(ct);
                return Results.Created($"/api/affiliates/{registered.AffiliateId}", AffiliateResponse.From(Affiliate.Create(registered)));
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("RegisterAffiliate");
}
