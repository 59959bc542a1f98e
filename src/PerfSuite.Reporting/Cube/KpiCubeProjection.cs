using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace PerfSuite.Reporting.Cube;

/// <summary>
/// Folds Reporting's campaign streams (the received integration events) into <see cref="KpiCell"/> documents.
/// Runs in the async daemon; one event touches as many cells as it has distinct facts.
/// </summary>
public partial class KpiCubeProjection : MultiStreamProjection<KpiCell, string>
{
    public const string ProjectionName = "KpiCube";

    public KpiCubeProjection()
    {
        Name = ProjectionName;
        CustomGrouping((_, events, grouping) =>
        {
            foreach (var e in events)
                foreach (var cellId in KpiFacts.From(e.Data).Select(f => f.CellId).Distinct())
                    grouping.AddEvent(cellId, e);
            return Task.CompletedTask;
        });
    }

    public override KpiCell? Evolve(KpiCell? snapshot, string id, IEvent e)
    {
        foreach (var fact in KpiFacts.From(e.Data))
        {
            if (fact.CellId != id) continue;
            snapshot ??= KpiCell.Empty(fact);
            snapshot.Add(fact);
        }
        return snapshot;
    }
}
