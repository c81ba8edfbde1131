namespace Orchestrator.Runtime.Persistence.Query;

/// <summary>An event as a query returns it: <paramref name="Offset"/> is the journal's global ordering, usable to resume a stream.</summary>
public sealed record EventEnvelope(long Offset, string PersistenceId, long SequenceNr, object Event, long Timestamp, IReadOnlyList<string> Tags);
