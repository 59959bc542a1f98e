namespace PerfSuite.BuildingBlocks.Messaging;

/// <summary>Recorded in the same Marten transaction as a consumer's effect: the effect happens once per message.</summary>
public sealed record ProcessedMessage(string Id, DateTimeOffset ProcessedAt);
