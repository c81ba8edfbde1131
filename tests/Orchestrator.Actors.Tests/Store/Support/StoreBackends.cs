namespace Orchestrator.Actors.Tests.Store.Support;

/// <summary>HOCON pointing a test system's persistence at one backend, isolated from other tests.</summary>
public static class StoreBackends
{
    /// <summary>In-memory journal and snapshots (lost with the system).</summary>
    public const string Memory = """
        orchestrator.persistence.journal.plugin = memory
        orchestrator.persistence.snapshot-store.plugin = memory
        """;

    /// <summary>A fresh SQLite file; the same path gives a restarted system the same journal.</summary>
    public static string Sqlite(string? path = null)
    {
        path ??= NewSqlitePath();
        return $$"""
            orchestrator.persistence.journal.plugin = sqlite
            orchestrator.persistence.snapshot-store.plugin = sqlite
            orchestrator.persistence.sqlite.path = "{{path}}"
            """;
    }

    /// <summary>Fresh tables (a prefix of their own) in the test PostgreSQL database.</summary>
    public static string Postgres(PostgresTables tables) => $$"""
        orchestrator.persistence.journal.plugin = postgresql
        orchestrator.persistence.snapshot-store.plugin = postgresql
        orchestrator.persistence.postgresql.connection-string = "{{PostgresTables.ConnectionString}}"
        orchestrator.persistence.table-prefix = "{{tables.NewPrefix()}}"
        """;

    /// <summary>A path in a new temporary directory.</summary>
    public static string NewSqlitePath() => Path.Combine(Path.GetTempPath(), "orch-store-tests", Guid.NewGuid().ToString("N"), "journal.db");
}
