using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfSuite.BuildingBlocks.Http;

namespace PerfSuite.BuildingBlocks.Identity;

public static class Policies
{
    /// <summary>Agency admin: full access to the tenant.</summary>
    public const string Admin = "admin";
    /// <summary>Agency admin or analyst: read the tenant's data.</summary>
    public const string Reader = "reader";
    /// <summary>An affiliate-role key: its own links, stats and commissions.</summary>
    public const string Affiliate = "affiliate";
    /// <summary>Any authenticated caller of a tenant.</summary>
    public const string Tenant = "tenant";
}

/// <summary>Authenticates requests by the signed identity the gateway forwards.</summary>
public sealed class GatewayAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, GatewayIdentity identity)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Gateway";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.ContainsKey(GatewayIdentity.SignatureHeader)) return Task.FromResult(AuthenticateResult.NoResult());
        var caller = identity.Read(Request.Headers);
        return Task.FromResult(caller is null
            ? AuthenticateResult.Fail("The gateway identity is missing, expired or not validly signed.")
            : AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ProblemResults.Write(Context, StatusCodes.Status401Unauthorized, "unauthorized",
            "Unauthorized", "This service is reached through the PerfSuite gateway with a valid API key.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResults.Write(Context, StatusCodes.Status403Forbidden, "forbidden",
            "Forbidden", "The API key's role does not allow this operation.");
}

public static class GatewayAuthenticationExtensions
{
    /// <summary>The signer/verifier of forwarded identities, keyed by configuration <c>Identity:SigningKey</c>.</summary>
    public static IHostApplicationBuilder AddGatewayIdentity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new GatewayIdentity(
            sp.GetRequiredService<IConfiguration>()["Identity:SigningKey"] ?? "",
            sp.GetService<TimeProvider>()));
        return builder;
    }

    public static IHostApplicationBuilder AddGatewayAuthentication(this IHostApplicationBuilder builder)
    {
        builder.AddGatewayIdentity();
        builder.Services.AddAuthentication(GatewayAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, GatewayAuthenticationHandler>(GatewayAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Reader, p => p.RequireRole(Roles.Admin, Roles.Analyst))
            .AddPolicy(Policies.Affiliate, p => p.RequireRole(Roles.Affiliate).RequireClaim(CallerIdentity.AffiliateClaim))
            .AddPolicy(Policies.Tenant, p => p.RequireClaim(CallerIdentity.TenantClaim));
        return builder;
    }
}
