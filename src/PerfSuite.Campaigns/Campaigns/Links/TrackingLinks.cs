using System.Security.Cryptography;
using Marten;
using PerfSuite.BuildingBlocks.EventStore;
using PerfSuite.BuildingBlocks.Http;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.Campaigns.Affiliates;
using PerfSuite.Contracts;

namespace PerfSuite.Campaigns.Campaigns.Links;

public sealed record CreateTrackingLinkRequest(Guid? AffiliateId, Dictionary<string, string>? SubIds);

public sealed record TrackingLinkResponse(Guid LinkId, Guid CampaignId, string? CampaignName, Guid AffiliateId, string Code, string Url,
    IReadOnlyDictionary<string, string>? SubIds, DateTimeOffset CreatedAt);

/// <summary>One affiliate's link, kept beside the campaign stream (same transaction) so an affiliate can list its own links.</summary>
public sealed record AffiliateLink(Guid Id, Guid CampaignId, Guid AffiliateId, string Code, IReadOnlyDictionary<string, string>? SubIds, DateTimeOffset CreatedAt);

public static class TrackingLinks
{
    public static readonly string[] SubIdKeys = ["sub1", "sub2", "sub3", "sub4", "sub5"];
    public const int CodeLength = 10;
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>10 base62 characters from a CSPRNG: ~59.5 bits, not guessable and practically collision-free.</summary>
    public static string NewCode() => RandomNumberGenerator.GetString(Base62, CodeLength);

    public static Validator Validate(CreateTrackingLinkRequest r)
    {
        var v = new Validator().RequireNonEmpty("affiliateId", r.AffiliateId);
        foreach (var (key, value) in r.SubIds ?? [])
        {
            v.When(!SubIdKeys.Contains(key), $"subIds.{key}", $"is not a sub id; use {string.Join(", ", SubIdKeys)}");
            v.When(string.IsNullOrWhiteSpace(value) || value.Length > 100, $"subIds.{key}", "must be 1 to 100 characters");
        }
        return v;
    }

    public static IReadOnlyList<object> Decide(Campaign state, TrackingLinkTerms link, DateTimeOffset now)
    {
        if (state.Status == CampaignStatus.Ended)
            throw new DomainRuleViolation("illegal-transition", "An ended campaign gets no new tracking links.");
        return [new TrackingLinkAdded(link, now)];
    }

    /// <summary>
    /// The public base of tracking URLs: configuration Gateway:PublicUrl when set, else the gateway's own address as the
    /// proxy reports it in X-Forwarded-Proto / X-Forwarded-Host, else this request's.
    /// </summary>
    public static string PublicBase(HttpRequest request, IConfiguration configuration)
    {
        if (configuration["Gateway:PublicUrl"] is { Length: > 0 } configured) return configured.TrimEnd('/');
        var proto = FirstValue(request.Headers["X-Forwarded-Proto"]) ?? request.Scheme;
        var host = FirstValue(request.Headers["X-Forwarded-Host"]) ?? request.Host.Value;
        return $"{proto}://{host}";
    }

    private static string? FirstValue(string? header) =>
        header?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

    public static string Url(string publicBase, string code) => $"{publicBase}/c/{code}";

    public static void MapTrackingLinks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/campaigns/{id:guid}/links", async (Guid id, CreateTrackingLinkRequest request, HttpContext http, IDocumentSession session,
                IConfiguration configuration, TimeProvider time, CancellationToken ct) =>
            {
                var validation = Validate(request);
                if (!validation.IsValid) return validation.ToProblem();
                var affiliate = await session.LoadAsync<KnownAffiliate>(request.AffiliateId!.Value, ct);
                if (affiliate is not { Approved: true })
                    return ProblemResults.Validation("affiliateId", affiliate is null
                        ? "is not an approved affiliate of this agency"
                        : "is suspended; only an approved affiliate gets tracking links");

                var now = time.GetUtcNow();
                var subIds = request.SubIds is { Count: > 0 } s ? new SortedDictionary<string, string>(s, StringComparer.Ordinal) : null;
                var link = new TrackingLinkTerms(Guid.CreateVersion7(), NewCode(), affiliate.Id, subIds);
                session.Store(new AffiliateLink(link.LinkId, id, link.AffiliateId, link.Code, link.SubIds, now));
                return await session.WriteCampaign(id, http, state => Decide(state, link, now),
                    (campaign, version) =>
                    {
                        ETags.Set(http.Response, version);
                        var response = new TrackingLinkResponse(link.LinkId, id, campaign.Definition.Name, link.AffiliateId, link.Code,
                            Url(PublicBase(http.Request, configuration), link.Code), link.SubIds, now);
                        return Results.Created($"/api/campaigns/{id}/links/{link.LinkId}", response);
                    }, ct);
            })
            .RequireAuthorization(Policies.Admin)
            .WithName("CreateTrackingLink");

        app.MapGet("/api/me/links", async (HttpContext http, IQuerySession session, IConfiguration configuration, CancellationToken ct) =>
            {
                var affiliateId = http.User.Caller().AffiliateId!.Value;
                var links = await session.Query<AffiliateLink>().Where(l => l.AffiliateId == affiliateId)
                    .OrderByDescending(l => l.CreatedAt).Take(1000).ToListAsync(ct);
                var campaigns = await session.LoadManyAsync<Campaign>(ct, links.Select(l => l.CampaignId).Distinct());
                var names = campaigns.ToDictionary(c => c.Id, c => c.Definition.Name);
                var publicBase = PublicBase(http.Request, configuration);
                return Results.Ok(links.Select(l => new TrackingLinkResponse(l.Id, l.CampaignId, names.GetValueOrDefault(l.CampaignId), l.AffiliateId,
                    l.Code, Url(publicBase, l.Code), l.SubIds, l.CreatedAt)));
            })
            .RequireAuthorization(Policies.Affiliate)
            .WithName("ListMyLinks");
    }
}
