using Marten;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;

namespace PerfSuite.Campaigns.Advertisers.Registering;

public sealed record RegisterAdvertiserRequest(string? Name, string? Website);

public sealed record AdvertiserResponse(Guid Id, string Name, string? Website, DateTimeOffset CreatedAt)
{
    public static AdvertiserResponse From(Advertiser a) => new(a.Id, a.Name, a.Website, a.RegisteredAt);
}

public static class RegisterAdvertiser
{
    public static Validator Validate(RegisterAdvertiserRequest r) =>
        new Validator().Require("name", r.Name).Url("website", r.Website, required: false);

    public static void MapRegisterAdvertiser(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/advertisers", async (RegisterAdvertiserRequest request, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
            {
                var validation = Validate(request);
                if (!validation.IsValid) return validation.ToProblem();

                var registered = new AdvertiserRegistered(Guid.CreateVersion7(), request.Name!.Trim(), request.Website, time.GetUtcNow());
                session.Events.StartStream<Advertiser>(registered.AdvertiserId, registered);
                await session.SaveChangesAsync(ct);
                return Results.Created($"/api/advertisers/{registered.AdvertiserId}", AdvertiserResponse.From(Advertiser.Create(registered)));
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("RegisterAdvertiser");
}
