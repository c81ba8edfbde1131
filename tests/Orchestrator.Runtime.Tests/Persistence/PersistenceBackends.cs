using Orchestrator.Runtime.Tests.Persistence.Storage;

namespace Orchestrator.Runtime.Tests.Persistence;

/// <summary>HOCON that points a test system's persistence at one backend, isolated from other tests.</summary>
public static class PersistenceBackends
{
    public static string Memory() => TestPersistentActors.MemoryConfig;

    /// <summary>A fresh SQLite file in a temporary directory.</summary>
    public static string Sqlite()
    {
        var path = Path.Combine(Path.GetTempPath(), "orch-tests", Guid.NewGuid().ToString("N"), "journal.db");
        return $$"""
            orchestrator.persistence.journal.plugin = sqlite
            orchestrator.persistence.snapshot-store.plugin = sqlite
            orchestrator.persistence.sqlite.path = "{{path}}"
            """;
    }

    /// <summary>Fresh tables (a unique prefix, dropped by the fixture) in the test PostgreSQL database.</summary>
    public static string Postgres(PostgresStorageFixture fixture)
    {
        var options = fixture.NewOptions();
        return $$"""
            orchestrator.persistence.journal.plugin = postgresql
            orchestrator.persistence.snapshot-store.plugin = postgresql
            orchestrator.persistence.postgresql.connection-string = "{{options.ConnectionString}}"
            orchestrator.persistence.table-prefix = "{{options.TablePrefix}}"
            """;
    }
}
