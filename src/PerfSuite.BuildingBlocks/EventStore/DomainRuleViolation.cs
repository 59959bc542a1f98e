namespace PerfSuite.BuildingBlocks.EventStore;

/// <summary>
/// A command that the current state does not allow (an illegal transition, a rule of the domain).
/// Thrown by pure Decide functions; the API answers 409 problem details with <c>type</c> = Code.
/// </summary>
public sealed class DomainRuleViolation(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
