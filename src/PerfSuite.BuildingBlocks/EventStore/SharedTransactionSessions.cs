using Marten;
using Npgsql;

namespace PerfSuite.BuildingBlocks.EventStore;

public static class SharedTransactionSessions
{
    /// <summary>A session of one tenant that writes in the caller's transaction (the caller commits).</summary>
    public static IDocumentSession LightweightSession(this IDocumentStore store, NpgsqlTransaction transaction, string tenantId)
    {
        var options = Marten.Services.SessionOptions.ForTransaction(transaction);
        options.TenantId = tenantId;
        return store.LightweightSession(options);
    }
}
