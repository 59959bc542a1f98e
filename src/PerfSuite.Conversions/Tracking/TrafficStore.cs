using PerfSuite.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace PerfSuite.Conversions.Tracking;

/// <summary>
/// Clicks live in a plain table of the service's schema, written by binary COPY in the group commit
/// (see docs/conversions.md for why not one Marten stream per click), and indexed by tenant + visitor for
/// attribution. Spend per campaign and day is kept in a second table in the same transaction, so the
/// click path's budget ledger can be seeded exactly at start. A group commit inserts only (its clicks, and its counts
/// and spend per campaign into traffic_pending), so concurrent batches never wait on each other's row locks;
/// <see cref="TrafficPublisher"/> takes the pending rows and adds their spend to campaign_spend.
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

    /// <summary>
    /// One group commit in one round trip: the clicks and the batch's counts per campaign, as a two-statement batch
    /// that PostgreSQL runs as one implicit transaction (both or neither).
    /// </summary>
    public async Task Insert(IReadOnlyList<TrafficHit> clicks, IEnumerable<(string TenantId, TrafficAggregated Traffic)> pending, CancellationToken ct)
    {
        await using var batch = db.CreateBatch();
        if (clicks.Count > 0)
            batch.BatchCommands.Add(Command($"""
                INSERT INTO {Schema}.clicks (click_id, tenant_id, campaign_id, link_id, affiliate_id, variant_id, visitor_id, ip, user_agent, clicked_at, day, billable, holdout, reason, spend)
                SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::timestamptz[], $11::date[], $12::boolean[], $13::boolean[], $14::text[], $15::numeric[])
                """,
                clicks.Select(c => c.Id).ToArray(), clicks.Select(c => c.TenantId).ToArray(), clicks.Select(c => c.CampaignId).ToArray(),
                clicks.Select(c => c.LinkId).ToArray(), clicks.Select(c => c.AffiliateId).ToArray(), clicks.Select(c => c.VariantId).ToArray(),
                clicks.Select(c => c.VisitorId).ToArray(), clicks.Select(c => c.Ip).ToArray(), clicks.Select(c => c.UserAgent).ToArray(),
                clicks.Select(c => c.At.UtcDateTime).ToArray(), clicks.Select(c => c.Day).ToArray(), clicks.Select(c => c.Billable).ToArray(),
                clicks.Select(c => c.Holdout).ToArray(), clicks.Select(c => c.Reason).ToArray(), clicks.Select(c => c.Spend).ToArray()));

        var rows = pending.SelectMany(p => p.Traffic.Counts.Select(c => (p.TenantId, p.Traffic, Count: c))).ToList();
        if (rows.Count > 0)
            batch.BatchCommands.Add(Command($"""
                INSERT INTO {Schema}.traffic_pending (tenant_id, campaign_id, currency, spend_kind, link_id, affiliate_id, variant_id, day, holdout, clicks, billable_clicks, impressions, billable_impressions, spend)
                SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::uuid[], $8::date[], $9::boolean[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[], $14::numeric[])
                """,
                rows.Select(r => r.TenantId).ToArray(), rows.Select(r => r.Traffic.CampaignId).ToArray(), rows.Select(r => r.Traffic.Currency).ToArray(),
                rows.Select(r => r.Traffic.SpendKind).ToArray(), rows.Select(r => r.Count.LinkId).ToArray(), rows.Select(r => r.Count.AffiliateId).ToArray(),
                rows.Select(r => r.Count.VariantId).ToArray(), rows.Select(r => r.Count.Day).ToArray(), rows.Select(r => r.Count.Holdout).ToArray(),
                rows.Select(r => r.Count.Clicks).ToArray(), rows.Select(r => r.Count.BillableClicks).ToArray(), rows.Select(r => r.Count.Impressions).ToArray(),
                rows.Select(r => r.Count.BillableImpressions).ToArray(), rows.Select(r => r.Count.Spend).ToArray()));

        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var array in arrays) command.Parameters.Add(new NpgsqlParameter { Value = array });
        return command;
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

    /// <summary>Adds spend per campaign and day (the publisher's, from the pending rows it takes).</summary>
    public static async Task AddSpend(NpgsqlConnection connection, IEnumerable<(string Tenant, Guid Campaign, DateOnly Day, decimal Spend)> spend, CancellationToken ct)
    {
        // One row per key (ON CONFLICT may touch a row once per statement), in key order (replicas lock rows alike).
        var rows = spend.GroupBy(r => (r.Tenant, r.Campaign, r.Day)).Select(g => (g.Key, Spend: g.Sum(r => r.Spend)))
            .Where(r => r.Spend != 0).OrderBy(r => r.Key.Tenant, StringComparer.Ordinal).ThenBy(r => r.Key.Campaign).ThenBy(r => r.Key.Day).ToList();
        if (rows.Count == 0) return;
        await using var command = new NpgsqlCommand($"""
            INSERT INTO {Schema}.campaign_spend (tenant_id, campaign_id, day, spend)
            SELECT * FROM unnest($1::text[], $2::uuid[], $3::date[], $4::numeric[])
            ON CONFLICT (tenant_id, campaign_id, day) DO UPDATE SET spend = {Schema}.campaign_spend.spend + excluded.spend
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Key.Tenant).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Key.Campaign).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Key.Day).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Spend).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Spend per campaign and day: what the publisher has added up, and what is still pending.</summary>
    public async Task<IReadOnlyList<(string Tenant, Guid Campaign, DateOnly Day, decimal Spend)>> AllSpend(CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            SELECT tenant_id, campaign_id, day, sum(spend) FROM (
                SELECT tenant_id, campaign_id, day, spend FROM {Schema}.campaign_spend
                UNION ALL SELECT tenant_id, campaign_id, day, spend FROM {Schema}.traffic_pending) s
            GROUP BY tenant_id, campaign_id, day
            """);
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
