namespace PerfSuite.Contracts;

/// <summary>
/// Marker for messages that cross service boundaries over RabbitMQ. Records here are only ever
/// added to, never changed: a new field goes on the end with a default, a new meaning gets a new record.
/// The tenant travels in the <c>PerfSuite-Tenant</c> header and the message id is the id of the
/// committed Marten event that produced the message (see BuildingBlocks' relay).
/// Enum-like values are snake_case strings so that the wire format never depends on C# enum names.
/// </summary>
public interface IIntegrationEvent;
