using System.Security.Claims;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.MultiTenancy;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PerfSuite.BuildingBlocks.Identity;
using PerfSuite.BuildingBlocks.Messaging;
using Weasel.Core;

namespace PerfSuite.BuildingBlocks.EventStore;

public static class EventStoreSetup
{
    /// <summary>
    /// Marten for one service: its own schema in the shared PostgreSQL (never a shared table),
    /// conjoined tenancy (tenant_id on every row), camelCase JSON with string enums, the async
    /// daemon in hot/cold mode (one leader across replicas) and sessions bound to the caller's tenant.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddPerfSuiteEventStore(
        this IHostApplicationBuilder builder, string schema, Action<StoreOptions>? configure = null)
    {
        var connectionString = builder.Configuration.GetConnectionString("postgres")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:postgres is not set. Start the local servers with `scripts/infra.sh start` (it prints the connection strings) or run the suite through the AppHost.");
        builder.Services.AddHttpContextAccessor();
        return builder.Services.AddMarten(opts =>
            {
                opts.Connection(connectionString);
                opts.DatabaseSchemaName = schema;
                opts.Events.DatabaseSchemaName = schema;
                opts.Events.TenancyStyle = TenancyStyle.Conjoined;
                opts.Events.StreamIdentity = StreamIdentity.AsGuid;
                opts.Policies.AllDocumentsAreMultiTenanted();
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                opts.Projections.DaemonLockId = StableLockId(schema);
                opts.Projections.FastPollingTime = TimeSpan.FromMilliseconds(50);
                opts.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(250);
                opts.Schema.For<ProcessedMessage>().Identity(x => x.Id);
                opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                configure?.Invoke(opts);
            })
            .UseLightweightSessions()
            .BuildSessionsWith<TenantSessionFactory>()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(DaemonMode.HotCold);
    }

    private static int StableLockId(string schema)
    {
        var hash = 17;
        foreach (var c in schema) hash = unchecked(hash * 31 + c);
        return 4_000_000 + Math.Abs(hash % 1_000_000);
    }
}

/// <summary>Sessions injected into endpoints belong to the authenticated caller's tenant.</summary>
public sealed class TenantSessionFactory(IDocumentStore store, IHttpContextAccessor http) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession(Tenant());

    public IDocumentSession OpenSession() => store.LightweightSession(Tenant());

    private string Tenant() =>
        http.HttpContext?.User.FindFirstValue(CallerIdentity.TenantClaim)
        ?? throw new InvalidOperationException("A tenant session was requested outside an authenticated request; open one with IDocumentStore and an explicit tenant.");
}
