using JasperFx.Events;
using Marten.Events.Projections;

namespace PerfSuite.Reporting.Cube;

/// <summary>
/// Folds Reporting's campaign streams (the received integration events) into cube cells of <typeparamref name="TCell"/>,
/// keyed by <see cref="CellFacts"/>. Runs in the async daemon; one event touches as many cells as it has distinct facts.
/// </summary>
public abstract class CubeProjection<TCell> : MultiStreamProjection<TCell, string> where TCell : KpiCell, new()
{
    protected CubeProjection(string name)
    {
        Name = name;
        CustomGrouping((_, events, grouping) =>
        {
            foreach (var e in events)
                foreach (var cellId in CellFacts(e.Data).Select(f => f.CellId).Distinct())
                    grouping.AddEvent(cellId, e);
            return Task.CompletedTask;
        });
    }

    protected abstract IEnumerable<KpiFact> CellFacts(object integrationEvent);

    public override TCell? Evolve(TCell? snapshot, string id, IEvent e)
    {
        foreach (var fact in CellFacts(e.Data))
        {
            if (fact.CellId != id) continue;
            snapshot ??= KpiCell.Empty<TCell>(fact);
            snapshot.Add(fact);
        }
        return snapshot;
    }
}

/// <summary>The full cube: campaign × affiliate × variant × day × holdout × currency.</summary>
public partial class KpiCubeProjection() : CubeProjection<KpiCell>(ProjectionName)
{
    public const string ProjectionName = "KpiCube";

    protected override IEnumerable<KpiFact> CellFacts(object integrationEvent) => KpiFacts.From(integrationEvent);
}

/// <summary>The campaign × day × holdout × currency rollup, from the same facts.</summary>
public partial class KpiCampaignDayProjection() : CubeProjection<KpiCampaignDay>(ProjectionName)
{
    public const string ProjectionName = "KpiCampaignDay";

    protected override IEnumerable<KpiFact> CellFacts(object integrationEvent) => KpiFacts.From(integrationEvent).Select(f => f.RolledUp());
}
