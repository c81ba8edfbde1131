using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Tests.Persistence.Storage;

/// <summary>One memory store per test class.</summary>
public sealed class MemoryStorageFixture
{
    public MemoryJournalStorage Journal { get; } = new();

    public MemorySnapshotStorage Snapshots { get; } = new();
}

/// <summary>
/// The contract against the memory journal. It lives in one process, so "another instance" is the
/// same object: what other backends share through the database, this one shares by reference.
/// </summary>
public sealed class MemoryJournalStorageSpec(MemoryStorageFixture fixture) : JournalStorageContract, IClassFixture<MemoryStorageFixture>
{
    protected override IJournalStorage NewJournalInstance() => fixture.Journal;

    protected override ISnapshotStorage NewSnapshotInstance() => fixture.Snapshots;

    protected override IJournalStorage NewEmptyJournal() => new MemoryJournalStorage();
}
