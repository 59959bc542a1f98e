using Marten;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Contracts;

namespace PerfSuite.Campaigns.Campaigns.Variants;

public sealed record AddVariantRequest(string? Name, string? LandingUrl, int? Weight);

/// <summary>Every field optional; paused true stops sending visitors to the variant (they move to the other arms).</summary>
public sealed record ChangeVariantRequest(string? Name, string? LandingUrl, int? Weight, bool? Paused);

/// <summary>A/B landing variants competing with the campaign's own landing URL (the control); see VisitorAssignment.</summary>
public static class LandingVariants
{
    public const int MaxVariants = 20;

    public static Validator Validate(AddVariantRequest r) => new Validator()
        .Require("name", r.Name, 100)
        .Url("landingUrl", r.LandingUrl, required: true)
        .Require("weight", r.Weight)
        .When(r.Weight is < 1 or > VariantWeights.Max, "weight", $"must be between 1 and {VariantWeights.Max}");

    public static Validator Validate(ChangeVariantRequest r) => new Validator()
        .When(r.Name is not null && (string.IsNullOrWhiteSpace(r.Name) || r.Name.Length > 100), "name", "must be 1 to 100 characters")
        .Url("landingUrl", r.LandingUrl, required: false)
        .When(r.Weight is < 1 or > VariantWeights.Max, "weight", $"must be between 1 and {VariantWeights.Max}");

    public static IReadOnlyList<object> Add(Campaign state, Guid variantId, AddVariantRequest r, DateTimeOffset now)
    {
        EnsureChangeable(state);
        if (state.Variants.Count >= MaxVariants)
            throw new DomainRuleViolation("too-many-variants", $"A campaign has at most {MaxVariants} variants; pause one or change its landing URL instead.");
        var name = r.Name!.Trim();
        if (state.Variants.Any(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase)))
            throw new DomainRuleViolation("duplicate-variant", $"The campaign already has a variant named '{name}'.");
        var variant = new VariantTerms(variantId, name, r.LandingUrl!, r.Weight!.Value, false);
        return [new VariantAdded(variant, (state with { Variants = [.. state.Variants, variant] }).ToTerms(), now)];
    }

    /// <summary>No events when nothing changes; the endpoint answers 404 for an unknown variant before deciding.</summary>
    public static IReadOnlyList<object> Change(Campaign state, Guid variantId, ChangeVariantRequest r, DateTimeOffset now)
    {
        EnsureChangeable(state);
        var current = state.Variants.FirstOrDefault(v => v.VariantId == variantId)
            ?? throw new DomainRuleViolation("no-such-variant", "The campaign has no variant with this id.");
        var name = r.Name?.Trim() ?? current.Name;
        if (state.Variants.Any(v => v.VariantId != variantId && string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase)))
            throw new DomainRuleViolation("duplicate-variant", $"The campaign already has a variant named '{name}'.");
        var changed = current with
        {
            Name = name,
            LandingUrl = r.LandingUrl ?? current.LandingUrl,
            Weight = r.Weight ?? current.Weight,
            Paused = r.Paused ?? current.Paused,
        };
        if (changed == current) return [];
        var variants = state.Variants.Select(v => v.VariantId == variantId ? changed : v).ToList();
        return [new VariantChanged(changed, (state with { Variants = variants }).ToTerms(), now)];
    }

    private static void EnsureChangeable(Campaign state)
    {
        if (state.Status == CampaignStatus.Ended)
            throw new DomainRuleViolation("illegal-transition", "An ended campaign cannot be changed.");
    }

    public static void MapLandingVariants(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/campaigns/{id:guid}/variants", (Guid id, AddVariantRequest request, HttpContext http, IDocumentSession session,
                TimeProvider time, CancellationToken ct) =>
            {
                var validation = Validate(request);
                if (!validation.IsValid) return Task.FromResult(validation.ToProblem());
                var variantId = Guid.CreateVersion7();
                return session.WriteCampaign(id, http, state => Add(state, variantId, request, time.GetUtcNow()),
                    (campaign, version) =>
                    {
                        ETags.Set(http.Response, version);
                        return Results.Created($"/api/campaigns/{id}/variants/{variantId}", campaign.Variants.Single(v => v.VariantId == variantId));
                    }, ct);
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("AddVariant");

        app.MapPatch("/api/campaigns/{id:guid}/variants/{variantId:guid}", async (Guid id, Guid variantId, ChangeVariantRequest request, HttpContext http,
                IDocumentSession session, TimeProvider time, CancellationToken ct) =>
            {
                var validation = Validate(request);
                if (!validation.IsValid) return validation.ToProblem();
                var existing = await session.LoadAsync<Campaign>(id, ct);
                if (existing is null) return ProblemResults.NotFound("The campaign");
                if (existing.Variants.All(v => v.VariantId != variantId)) return ProblemResults.NotFound("The variant");
                return await session.WriteCampaign(id, http, state => Change(state, variantId, request, time.GetUtcNow()),
                    (campaign, version) =>
                    {
                        ETags.Set(http.Response, version);
                        return Results.Ok(campaign.Variants.Single(v => v.VariantId == variantId));
                    }, ct);
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("ChangeVariant");
    }
}
