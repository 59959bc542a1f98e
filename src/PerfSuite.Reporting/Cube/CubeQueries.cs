using System.Text;
using Marten;
using PerfSuite.Reporting.Platform;

namespace PerfSuite.Reporting.Cube;

/// <summary>Which cube dimensions a query keeps apart; the others are summed over. Campaign and currency are always kept.</summary>
[Flags]
public enum CubeDimensions
{
    None = 0,
    Affiliate = 1,
    Variant = 2,
    Day = 4,
    Holdout = 8,
}

public sealed record CubeFilter(DateOnly? From = null, DateOnly? To = null, Guid? CampaignId = null, Guid? AffiliateId = null);

/// <summary>Sums of cube cells for one campaign, currency and the kept dimensions (null where summed over).</summary>
public sealed record CellTotals(
    Guid CampaignId,
    Guid? AffiliateId,
    Guid? VariantId,
    DateOnly? Day,
    bool? Holdout,
    string Currency,
    long Impressions,
    long Clicks,
    long BillableClicks,
    decimal Leads,
    decimal Sales,
    decimal Conversions,
    decimal Revenue,
    decimal TrafficSpend,
    decimal CommissionSpend)
{
    /// <summary>What the campaign owes affiliates: CPC/CPM traffic cost plus commissions (EPC's numerator).</summary>
    public decimal AffiliateEarnings => TrafficSpend + CommissionSpend;
}

/// <summary>
/// Reads the cube with one aggregate SQL statement per query (PostgreSQL sums the cells; no event is ever scanned),
/// from the campaign-day rollup unless the query splits or filters by affiliate or variant.
/// Raw SQL bypasses Marten's tenant filter, so every statement filters on the session's tenant explicitly.
/// </summary>
public static class CubeQueries
{
    public static async Task<IReadOnlyList<CellTotals>> TotalsAsync(IQuerySession session, CubeFilter filter, CubeDimensions keep, CancellationToken ct)
    {
        var detailed = keep.HasFlag(CubeDimensions.Affiliate) || keep.HasFlag(CubeDimensions.Variant) || filter.AffiliateId is not null;
        var cellType = detailed ? typeof(KpiCell) : typeof(KpiCampaignDay);
        var table = session.DocumentStore.Options.FindOrResolveDocumentType(cellType).TableName.QualifiedName;
        var args = new List<object> { session.TenantId };
        var where = new StringBuilder("tenant_id = ?");
        if (filter.CampaignId is { } campaign) { where.Append(" and campaign_id = ?"); args.Add(campaign); }
        if (filter.AffiliateId is { } affiliate) { where.Append(" and data->>'affiliateId' = ?"); args.Add(affiliate.ToString()); }
        if (filter.From is { } from) { where.Append(" and data->>'day' >= ?"); args.Add(from.ToString("yyyy-MM-dd")); }
        if (filter.To is { } to) { where.Append(" and data->>'day' <= ?"); args.Add(to.ToString("yyyy-MM-dd")); }

        string Kept(CubeDimensions dimension, string expression) => keep.HasFlag(dimension) ? expression : "null";
        var affiliateExpr = Kept(CubeDimensions.Affiliate, "data->>'affiliateId'");
        var variantExpr = Kept(CubeDimensions.Variant, "data->>'variantId'");
        var dayExpr = Kept(CubeDimensions.Day, "data->>'day'");
        var holdoutExpr = Kept(CubeDimensions.Holdout, "(data->>'holdout')::boolean");
        var groupBy = string.Join(", ", new[] { "campaign_id", affiliateExpr, variantExpr, dayExpr, holdoutExpr, "data->>'currency'" }.Where(e => e != "null"));
        var sql = $"""
            select jsonb_build_object(
              'campaignId', campaign_id, 'affiliateId', {affiliateExpr}, 'variantId', {variantExpr}, 'day', {dayExpr},
              'holdout', {holdoutExpr}, 'currency', data->>'currency',
              'impressions', sum((data->>'impressions')::bigint), 'clicks', sum((data->>'clicks')::bigint),
              'billableClicks', sum((data->>'billableClicks')::bigint),
              'leads', sum((data->>'leads')::numeric), 'sales', sum((data->>'sales')::numeric),
              'conversions', sum((data->>'conversions')::numeric), 'revenue', sum((data->>'revenue')::numeric),
              'trafficSpend', sum((data->>'trafficSpend')::numeric), 'commissionSpend', sum((data->>'commissionSpend')::numeric))
            from {table}
            where {where}
            group by {groupBy}
            """;
        return await session.AdvancedSql.QueryAsync<CellTotals>(sql, ct, args.ToArray());
    }

    public static async Task<IReadOnlyList<PlatformDay>> PlatformDaysAsync(IQuerySession session, CubeFilter filter, CancellationToken ct)
    {
        var query = session.Query<PlatformDay>().AsQueryable();
        if (filter.CampaignId is { } campaign) query = query.Where(p => p.CampaignId == campaign);
        if (filter.From is { } from) query = query.Where(p => p.Day >= from);
        if (filter.To is { } to) query = query.Where(p => p.Day <= to);
        return await query.ToListAsync(ct);
    }
}
