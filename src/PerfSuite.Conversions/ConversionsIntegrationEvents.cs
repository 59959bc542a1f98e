using JasperFx.Events;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Contracts;
using PerfSuite.Conversions.Conversions;
using PerfSuite.Conversions.Tracking;

namespace PerfSuite.Conversions;

/// <summary>Which committed Conversions events other services hear about, and in which shape.</summary>
public sealed class ConversionsIntegrationEvents : IIntegrationEventTranslator
{
    public IEnumerable<IIntegrationEvent> Translate(IEvent committed) => committed.Data switch
    {
        TrafficAggregated t => [new TrafficRecorded(t.CampaignId, t.Currency, t.Counts, t.RecordedAt), .. t.Spend()],
        AttributionRecorded a => [a.Conversion],
        RejectionRecorded r => [r.Conversion],
        ReversalRecorded r => [r.Reversal],
        _ => [],
    };
}
