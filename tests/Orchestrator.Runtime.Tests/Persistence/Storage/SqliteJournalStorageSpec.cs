using Microsoft.Data.Sqlite;
using Orchestrator.Runtime.Persistence.Sql;
using Orchestrator.Runtime.Persistence.Storage;
using static Orchestrator.Runtime.Tests.Persistence.Storage.TestEvents;

namespace Orchestrator.Runtime.Tests.Persistence.Storage;

/// <summary>A temporary directory per test class; its database files are created inside a subdirectory that does not exist yet.</summary>
public sealed class SqliteStorageFixture : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"orchestrator-sqlite-{Guid.NewGuid():N}");

    public SqliteStorageFixture() => Options = OptionsFor("journal.db");

    /// <summary>The shared store of the class's tests.</summary>
    public SqlStorageOptions Options { get; }

    /// <summary>Options for a database file of its own inside the class's directory.</summary>
    public SqlStorageOptions OptionsFor(string fileName) =>
        new(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_root, "data", fileName) }.ToString(), "test_");

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}

/// <summary>The contract against SQLite: every instance has its own writer and reader threads and connections.</summary>
public sealed class SqliteJournalStorageSpec(SqliteStorageFixture fixture) : SqlJournalStorageContract, IClassFixture<SqliteStorageFixture>
{
    protected override SqlStorageOptions Options => fixture.Options;

    protected override IJournalStorage NewJournal(SqlStorageOptions options) => new SqliteJournalStorage(options);

    protected override string Script(SqlStorageOptions options) => SqlSchema.Sqlite(options);

    protected override IJournalStorage NewJournalInstance() => new SqliteJournalStorage(fixture.Options);

    protected override ISnapshotStorage NewSnapshotInstance() => new SqliteSnapshotStorage(fixture.Options);

    protected override IJournalStorage NewEmptyJournal() => new SqliteJournalStorage(fixture.OptionsFor($"empty-{Guid.NewGuid():N}.db"));

    [Fact]
    public async Task The_database_file_is_created_on_first_use_in_WAL_mode()
    {
        var pid = NewId("wal");
        await WriteAll(Journal, Write(NewEvent(pid, 1)));
        var path = ((SqliteJournalStorage)Journal).FilePath;

        Assert.True(File.Exists(path), $"no database file at {path}");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public void Options_without_a_database_file_or_with_a_schema_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new SqliteJournalStorage(new SqlStorageOptions("Data Source=:memory:")));
        Assert.Throws<ArgumentException>(() => new SqliteJournalStorage(fixture.Options with { Schema = "journal" }));
    }
}
