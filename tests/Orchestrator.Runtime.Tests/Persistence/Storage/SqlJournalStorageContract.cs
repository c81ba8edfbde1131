using Orchestrator.Runtime.Persistence.Sql;
using Orchestrator.Runtime.Persistence.Storage;
using static Orchestrator.Runtime.Tests.Persistence.Storage.TestEvents;

namespace Orchestrator.Runtime.Tests.Persistence.Storage;

/// <summary>What the SQL journals promise beyond the shared contract: error classification and option checks.</summary>
public abstract class SqlJournalStorageContract : JournalStorageContract
{
    /// <summary>Options of the class's store.</summary>
    protected abstract SqlStorageOptions Options { get; }

    /// <summary>Creates a journal with <paramref name="options"/>.</summary>
    protected abstract IJournalStorage NewJournal(SqlStorageOptions options);

    [Fact]
    public async Task An_error_other_than_a_duplicate_fails_every_write_of_the_batch_with_its_cause()
    {
        var pid = NewId("broken");
        // A NOT NULL violation: SQLite reports it with the same primary code (19) as a duplicate key,
        // so this also checks that only UNIQUE violations count as duplicates.
        var broken = NewEvent(pid, 2) with { Manifest = null! };

        var results = await Journal.WriteAsync([Write(NewEvent(pid, 1)), Write(broken), Write(NewEvent(NewId("bystander"), 1))]);

        Assert.All(results, r => Assert.False(r.Succeeded));
        Assert.All(results, r => Assert.Empty(r.Orderings));
        Assert.All(results, r => Assert.IsNotType<DuplicateSequenceNumberException>(r.Error));
        Assert.Same(results[0].Error, results[1].Error);
        Assert.Same(results[0].Error, results[2].Error);
        Assert.Empty(await Collect(Journal.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue)));
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync(pid));
    }

    [Fact]
    public void Table_prefixes_that_would_need_quoting_or_truncation_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => NewJournal(Options with { TablePrefix = "bad-prefix" }));
        Assert.Throws<ArgumentException>(() => NewJournal(Options with { TablePrefix = "x\"; DROP TABLE journal; --" }));
        Assert.Throws<ArgumentException>(() => NewJournal(Options with { TablePrefix = new string('p', SqlStorageOptions.MaxTablePrefixLength + 1) }));
        Assert.Throws<ArgumentException>(() => NewJournal(Options with { ConnectionString = " " }));
    }

    [Fact]
    public void The_schema_script_for_an_explicit_migrate_step_covers_every_table()
    {
        var script = Script(Options);
        foreach (var table in new[] { "journal", "journal_tags", "journal_metadata", "snapshot" })
            Assert.Contains($"CREATE TABLE IF NOT EXISTS {Qualified(table)}", script);
    }

    /// <summary>The backend's complete DDL.</summary>
    protected abstract string Script(SqlStorageOptions options);

    /// <summary>How the backend's DDL names <paramref name="table"/>.</summary>
    protected virtual string Qualified(string table) => $"\"{Options.TablePrefix}{table}\"";
}
