using Marten;
using MassTransit;
using PerfSuite.BuildingBlocks.Messaging;
using PerfSuite.Contracts;

namespace PerfSuite.Reporting.Ingest;

/// <summary>
/// Reporting's source of truth: every integration event it reports on is appended, once (idempotent consumer), to the
/// stream of its campaign in Reporting's own event store. Projections (async daemon) build the read models from there,
/// so any read model can be rebuilt from these streams. Consumed in batches: a hot campaign's stream takes one append
/// (one row lock, one commit) per batch, not per message.
/// </summary>
public abstract class CampaignStreamConsumer<T>(IDocumentStore store, Func<T, Guid> campaignOf) : IdempotentBatchConsumer<T>(store)
    where T : class
{
    protected override SemaphoreSlim Gate => CampaignStreams.Appending;

    protected override Task Handle(IReadOnlyList<T> messages, IDocumentSession session, CancellationToken ct)
    {
        foreach (var campaign in messages.GroupBy(campaignOf))
            session.Events.Append(campaign.Key, campaign.Cast<object>().ToArray());
        return Task.CompletedTask;
    }
}

public static class CampaignStreams
{
    /// <summary>
    /// The consumers of the four message types append to the same campaign streams. Two appends to one stream at once
    /// read the same version; one fails on the duplicate and leaves a gap in the event sequence that holds the daemon
    /// back for seconds. One batch at a time per replica avoids that (between replicas it is rare and retried).
    /// </summary>
    public static readonly SemaphoreSlim Appending = new(1, 1);
}

public sealed class TrafficRecordedConsumer(IDocumentStore store) : CampaignStreamConsumer<TrafficRecorded>(store, e => e.CampaignId);

public sealed class ConversionAttributedConsumer(IDocumentStore store) : CampaignStreamConsumer<ConversionAttributed>(store, e => e.CampaignId);

public sealed class ConversionReversedConsumer(IDocumentStore store) : CampaignStreamConsumer<ConversionReversed>(store, e => e.CampaignId);

public sealed class SpendRecordedConsumer(IDocumentStore store) : CampaignStreamConsumer<SpendRecorded>(store, e => e.CampaignId);
