using PerfSuite.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace PerfSuite.Conversions.Tracking;

/// <summary>
/// Clicks live in a plain table of the service's schema, written by binary COPY in the group commit
/// (see docs/conversions.md for why not one Marten stream per click), and indexed by tenant + visitor for
/// attribution. Spend per campaign and day is kept in a second table in the same transaction, so the
/// click path's budget ledger can be seeded exactly at start. Each batch's counts per campaign go to
/// traffic_pending in that transaction too (insert only, so batches never wait on each other or on the publisher),
/// until <see cref="TrafficPublisher"/> takes them.
/// </summary>
public sealed class TrafficStore(NpgsqlDataSource db)
{
    public const string Schema = ConversionsModule.Schema;

    private const string Ddl = $"""
        CREATE SCHEMA IF NOT EXISTS {Schema};
        CREATE TABLE IF NOT EXISTS {Schema}.clicks (
            click_id uuid PRIMARY KEY,
            tenant_id text NOT NULL,
            campaign_id uuid NOT NULL,
            link_id uuid NOT NULL,
            affiliate_id uuid NOT NULL,
            variant_id uuid NULL,
            visitor_id text NOT NULL,
            ip text NULL,
            user_agent text NULL,
            clicked_at timestamptz NOT NULL,
            day date NOT NULL,
            billable boolean NOT NULL,
            holdout boolean NOT NULL,
            reason text NULL,
            spend numeric NOT NULL);
        CREATE INDEX IF NOT EXISTS clicks_by_visitor ON {Schema}.clicks (tenant_id, visitor_id, clicked_at);
        CREATE TABLE IF NOT EXISTS {Schema}.campaign_spend (
            tenant_id text NOT NULL,
            campaign_id uuid NOT NULL,
            day date NOT NULL,
            spend numeric NOT NULL,
            PRIMARY KEY (tenant_id, campaign_id, day));
        CREATE TABLE IF NOT EXISTS {Schema}.traffic_pending (
            id bigserial PRIMARY KEY,
            tenant_id text NOT NULL,
            campaign_id uuid NOT NULL,
            currency text NOT NULL,
            spend_kind text NOT NULL,
            link_id uuid NOT NULL,
            affiliate_id uuid NOT NULL,
            variant_id uuid NULL,
            day date NOT NULL,
            holdout boolean NOT NULL,
            clicks bigint NOT NULL,
            billable_clicks bigint NOT NULL,
            impressions bigint NOT NULL,
            billable_impressions bigint NOT NULL,
            spend numeric NOT NULL);
        """;

    public async Task EnsureSchema(CancellationToken ct)
    {
        await using var command = db.CreateCommand(Ddl);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task CopyClicks(NpgsqlConnection connection, IEnumerable<TrafficHit> clicks, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {Schema}.clicks (click_id, tenant_id, campaign_id, link_id, affiliate_id, variant_id, visitor_id, ip, user_agent, clicked_at, day, billable, holdout, reason, spend) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var c in clicks)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(c.TenantId, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(c.CampaignId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(c.LinkId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(c.AffiliateId, NpgsqlDbType.Uuid, ct);
            if (c.VariantId is { } variant) await copy.WriteAsync(variant, NpgsqlDbType.Uuid, ct); else await copy.WriteNullAsync(ct);
            await copy.WriteAsync(c.VisitorId, NpgsqlDbType.Text, ct);
            if (c.Ip is { } ip) await copy.WriteAsync(ip, NpgsqlDbType.Text, ct); else await copy.WriteNullAsync(ct);
            if (c.UserAgent is { } ua) await copy.WriteAsync(ua, NpgsqlDbType.Text, ct); else await copy.WriteNullAsync(ct);
            await copy.WriteAsync(c.At.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(c.Day, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(c.Billable, NpgsqlDbType.Boolean, ct);
            await copy.WriteAsync(c.Holdout, NpgsqlDbType.Boolean, ct);
            if (c.Reason is { } reason) await copy.WriteAsync(reason, NpgsqlDbType.Text, ct); else await copy.WriteNullAsync(ct);
            await copy.WriteAsync(c.Spend, NpgsqlDbType.Numeric, ct);
        }
        await copy.CompleteAsync(ct);
    }

    public static async Task CopyPending(NpgsqlConnection connection, IEnumerable<(string TenantId, TrafficAggregated Traffic)> pending, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {Schema}.traffic_pending (tenant_id, campaign_id, currency, spend_kind, link_id, affiliate_id, variant_id, day, holdout, clicks, billable_clicks, impressions, billable_impressions, spend) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (tenantId, traffic) in pending)
        foreach (var c in traffic.Counts)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(tenantId, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(traffic.CampaignId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(traffic.Currency, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(traffic.SpendKind, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(c.LinkId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(c.AffiliateId, NpgsqlDbType.Uuid, ct);
            if (c.VariantId is { } variant) await copy.WriteAsync(variant, NpgsqlDbType.Uuid, ct); else await copy.WriteNullAsync(ct);
            await copy.WriteAsync(c.Day, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(c.Holdout, NpgsqlDbType.Boolean, ct);
            await copy.WriteAsync(c.Clicks, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(c.BillableClicks, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(c.Impressions, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(c.BillableImpressions, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(c.Spend, NpgsqlDbType.Numeric, ct);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>
    /// Deletes up to <paramref name="limit"/> committed pending rows and returns them, inside the caller's transaction.
    /// Rows another replica's publisher holds are skipped, not waited for.
    /// </summary>
    public static async Task<IReadOnlyList<(string TenantId, TrafficAggregated Traffic)>> TakePending(
        NpgsqlConnection connection, int limit, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            DELETE FROM {Schema}.traffic_pending WHERE id IN
                (SELECT id FROM {Schema}.traffic_pending ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING tenant_id, campaign_id, currency, spend_kind, link_id, affiliate_id, variant_id, day, holdout,
                clicks, billable_clicks, impressions, billable_impressions, spend
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<(string, TrafficAggregated)>();
        while (await reader.ReadAsync(ct))
            rows.Add((reader.GetString(0), new TrafficAggregated(reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                [
                    new TrafficCount(reader.GetGuid(4), reader.GetGuid(5), reader.IsDBNull(6) ? null : reader.GetGuid(6),
                        reader.GetFieldValue<DateOnly>(7), reader.GetBoolean(8), reader.GetInt64(9), reader.GetInt64(10),
                        reader.GetInt64(11), reader.GetInt64(12), reader.GetDecimal(13)),
                ], now)));
        return rows;
    }

    public static async Task AddSpend(NpgsqlConnection connection, IEnumerable<(string Tenant, Guid Campaign, DateOnly Day, decimal Spend)> rows, CancellationToken ct)
    {
        await using var batch = connection.CreateBatch();
        foreach (var (tenant, campaign, day, spend) in rows)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = $"""
                INSERT INTO {Schema}.campaign_spend (tenant_id, campaign_id, day, spend) VALUES ($1, $2, $3, $4)
                ON CONFLICT (tenant_id, campaign_id, day) DO UPDATE SET spend = {Schema}.campaign_spend.spend + excluded.spend
                """;
            command.Parameters.Add(new NpgsqlParameter { Value = tenant });
            command.Parameters.Add(new NpgsqlParameter { Value = campaign });
            command.Parameters.Add(new NpgsqlParameter { Value = day });
            command.Parameters.Add(new NpgsqlParameter { Value = spend });
            batch.BatchCommands.Add(command);
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<(string Tenant, Guid Campaign, DateOnly Day, decimal Spend)>> AllSpend(CancellationToken ct)
    {
        await using var command = db.CreateCommand($"SELECT tenant_id, campaign_id, day, spend FROM {Schema}.campaign_spend");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<(string, Guid, DateOnly, decimal)>();
        while (await reader.ReadAsync(ct))
            rows.Add((reader.GetString(0), reader.GetGuid(1), reader.GetFieldValue<DateOnly>(2), reader.GetDecimal(3)));
        return rows;
    }

    public async Task<StoredClick?> FindClick(Guid clickId, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"SELECT {ClickColumns} FROM {Schema}.clicks WHERE click_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = clickId });
        var found = await Read(command, ct);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>The visitor's clicks on a campaign since <paramref name="from"/>, for attribution.</summary>
    public async Task<IReadOnlyList<StoredClick>> VisitorClicks(string tenantId, string visitorId, Guid campaignId, DateTimeOffset from, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            $"SELECT {ClickColumns} FROM {Schema}.clicks WHERE tenant_id = $1 AND visitor_id = $2 AND clicked_at >= $3 AND campaign_id = $4 ORDER BY clicked_at");
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = visitorId });
        command.Parameters.Add(new NpgsqlParameter { Value = from.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        return await Read(command, ct);
    }

    private const string ClickColumns =
        "click_id, tenant_id, campaign_id, link_id, affiliate_id, variant_id, visitor_id, clicked_at, day, billable, holdout, reason, spend";

    private static async Task<List<StoredClick>> Read(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var clicks = new List<StoredClick>();
        while (await reader.ReadAsync(ct))
            clicks.Add(new StoredClick(
                reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetGuid(3), reader.GetGuid(4),
                reader.IsDBNull(5) ? null : reader.GetGuid(5), reader.GetString(6),
                new DateTimeOffset(reader.GetDateTime(7), TimeSpan.Zero), reader.GetFieldValue<DateOnly>(8),
                reader.GetBoolean(9), reader.GetBoolean(10), reader.IsDBNull(11) ? null : reader.GetString(11), reader.GetDecimal(12)));
        return clicks;
    }
}

public sealed record StoredClick(
    Guid ClickId, string TenantId, Guid CampaignId, Guid LinkId, Guid AffiliateId, Guid? VariantId, string VisitorId,
    DateTimeOffset ClickedAt, DateOnly Day, bool Billable, bool Holdout, string? Reason, decimal Spend);
