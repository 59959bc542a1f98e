using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace PerfSuite.Gateway.Keys;

public sealed record Tenant(string Id, string Name, string Currency, string TimeZone, DateTimeOffset CreatedAt);

public sealed record ApiKeyRecord(
    Guid Id, string TenantId, string Role, Guid? AffiliateId, string Name, string Prefix,
    DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string TenantTimeZone, string TenantCurrency);

/// <summary>
/// Tenants and API keys in the gateway's own schema. A key is 32 random bytes shown once; only its
/// SHA-256 is stored (a salt adds nothing for keys of that entropy, and the hash must be searchable).
/// Resolved keys are cached for a few seconds; a revocation on this replica evicts at once, other
/// replicas see it within <see cref="CacheFor"/>.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource db, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (ApiKeyRecord? Key, DateTimeOffset Until)> _cache = new();

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            CREATE SCHEMA IF NOT EXISTS gateway;
            CREATE TABLE IF NOT EXISTS gateway.tenants (
                id text PRIMARY KEY,
                name text NOT NULL,
                currency text NOT NULL,
                time_zone text NOT NULL,
                created_at timestamptz NOT NULL);
            CREATE TABLE IF NOT EXISTS gateway.api_keys (
                id uuid PRIMARY KEY,
                tenant_id text NOT NULL REFERENCES gateway.tenants(id),
                role text NOT NULL,
                affiliate_id uuid NULL,
                name text NOT NULL,
                prefix text NOT NULL,
                key_hash bytea NOT NULL UNIQUE,
                created_at timestamptz NOT NULL,
                revoked_at timestamptz NULL);
            CREATE INDEX IF NOT EXISTS api_keys_tenant ON gateway.api_keys (tenant_id);
            """);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static string NewKey() => "psk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public async Task<(Tenant Tenant, string ApiKey)> CreateTenantAsync(string name, string currency, string timeZone, CancellationToken ct)
    {
        var tenant = new Tenant(Guid.NewGuid().ToString("N"), name, currency, timeZone, time.GetUtcNow());
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand(
            "INSERT INTO gateway.tenants (id, name, currency, time_zone, created_at) VALUES ($1, $2, $3, $4, $5)", conn, tx))
        {
            cmd.Parameters.AddWithValue(tenant.Id);
            cmd.Parameters.AddWithValue(tenant.Name);
            cmd.Parameters.AddWithValue(tenant.Currency);
            cmd.Parameters.AddWithValue(tenant.TimeZone);
            cmd.Parameters.AddWithValue(tenant.CreatedAt);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        var (_, key) = await InsertKeyAsync(conn, tx, tenant.Id, "admin", null, "initial admin key", ct);
        await tx.CommitAsync(ct);
        return (tenant, key);
    }

    public async Task<(ApiKeyRecord Record, string ApiKey)> CreateKeyAsync(string tenantId, string role, Guid? affiliateId, string name, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var (id, key) = await InsertKeyAsync(conn, null, tenantId, role, affiliateId, name, ct);
        var record = await ResolveUncachedAsync(Hash(key), ct);
        return (record! with { Id = id }, key);
    }

    private async Task<(Guid Id, string Key)> InsertKeyAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string tenantId, string role,
        Guid? affiliateId, string name, CancellationToken ct)
    {
        var key = NewKey();
        var id = Guid.CreateVersion7();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO gateway.api_keys (id, tenant_id, role, affiliate_id, name, prefix, key_hash, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """, conn, tx);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(role);
        cmd.Parameters.AddWithValue(affiliateId is null ? DBNull.Value : affiliateId.Value);
        cmd.Parameters.AddWithValue(name);
        cmd.Parameters.AddWithValue(key[..10]);
        cmd.Parameters.AddWithValue(Hash(key));
        cmd.Parameters.AddWithValue(time.GetUtcNow());
        await cmd.ExecuteNonQueryAsync(ct);
        return (id, key);
    }

    public async Task<ApiKeyRecord?> ResolveAsync(string key, CancellationToken ct)
    {
        var hash = Hash(key);
        var cacheKey = Convert.ToHexString(hash);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(cacheKey, out var hit) && hit.Until > now) return hit.Key;
        var record = await ResolveUncachedAsync(hash, ct);
        if (record?.RevokedAt is not null) record = null;
        if (_cache.Count > 100_000) _cache.Clear();
        _cache[cacheKey] = (record, now + CacheFor);
        return record;
    }

    private async Task<ApiKeyRecord?> ResolveUncachedAsync(byte[] hash, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT k.id, k.tenant_id, k.role, k.affiliate_id, k.name, k.prefix, k.created_at, k.revoked_at, t.time_zone, t.currency
            FROM gateway.api_keys k JOIN gateway.tenants t ON t.id = k.tenant_id
            WHERE k.key_hash = $1
            """);
        cmd.Parameters.AddWithValue(hash);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string tenantId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT k.id, k.tenant_id, k.role, k.affiliate_id, k.name, k.prefix, k.created_at, k.revoked_at, t.time_zone, t.currency
            FROM gateway.api_keys k JOIN gateway.tenants t ON t.id = k.tenant_id
            WHERE k.tenant_id = $1 ORDER BY k.created_at
            """);
        cmd.Parameters.AddWithValue(tenantId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(ct)) list.Add(Read(reader));
        return list;
    }

    /// <summary>Revokes a key of this tenant; false when the tenant has no such key.</summary>
    public async Task<bool> RevokeAsync(string tenantId, Guid id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "UPDATE gateway.api_keys SET revoked_at = coalesce(revoked_at, $3) WHERE id = $1 AND tenant_id = $2 RETURNING encode(key_hash, 'hex')");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(time.GetUtcNow());
        var hash = await cmd.ExecuteScalarAsync(ct) as string;
        if (hash is null) return false;
        _cache.TryRemove(hash.ToUpperInvariant(), out _);
        return true;
    }

    private static ApiKeyRecord Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetGuid(3), r.GetString(4), r.GetString(5),
        r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7), r.GetString(8), r.GetString(9));
}
