using Orchestrator.Hocon;

namespace Orchestrator.Runtime.Persistence;

/// <summary>The <c>orchestrator.persistence</c> section (documented in the runtime's reference.conf).</summary>
public sealed record PersistenceSettings
{
    /// <summary>Journal plugin: <c>sqlite</c>, <c>postgresql</c> or <c>memory</c>.</summary>
    public string JournalPlugin { get; init; } = "sqlite";

    /// <summary>Snapshot-store plugin: <c>sqlite</c>, <c>postgresql</c> or <c>memory</c>.</summary>
    public string SnapshotPlugin { get; init; } = "sqlite";

    /// <summary>Most atomic writes in one journal transaction.</summary>
    public int MaxBatchSize { get; init; } = 500;

    /// <summary>How often live queries look for events written by other processes.</summary>
    public TimeSpan QueryPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Events read per query round trip.</summary>
    public int QueryBatchSize { get; init; } = 500;

    /// <summary>Path of the SQLite database file.</summary>
    public string SqlitePath { get; init; } = ".orch/journal.db";

    /// <summary>Npgsql connection string of the PostgreSQL journal.</summary>
    public string PostgresConnectionString { get; init; } = "";

    /// <summary>Most connections each PostgreSQL storage (journal, snapshots) keeps open; requests beyond it wait for a free one.</summary>
    public int PostgresMaxPoolSize { get; init; } = 16;

    /// <summary>Prefix of every table name, to share a database between clusters or tests.</summary>
    public string TablePrefix { get; init; } = "";

    private static readonly string[] Plugins = ["sqlite", "postgresql", "memory"];

    /// <summary>Reads the section, naming the key of any bad value.</summary>
    public static PersistenceSettings From(Config config)
    {
        var p = config.GetConfig("orchestrator.persistence");
        var settings = new PersistenceSettings
        {
            JournalPlugin = Plugin(p, "journal.plugin"),
            SnapshotPlugin = Plugin(p, "snapshot-store.plugin"),
            MaxBatchSize = p.GetInt("journal.max-batch-size"),
            QueryPollInterval = p.GetTimeSpan("query.poll-interval"),
            QueryBatchSize = p.GetInt("query.batch-size"),
            SqlitePath = p.GetString("sqlite.path"),
            PostgresConnectionString = p.GetString("postgresql.connection-string"),
            PostgresMaxPoolSize = p.GetInt("postgresql.max-pool-size"),
            TablePrefix = p.GetString("table-prefix"),
        };
        if (settings.MaxBatchSize < 1) throw new ConfigException(p.OriginOf("journal.max-batch-size"), "orchestrator.persistence.journal.max-batch-size must be at least 1.");
        if (settings.PostgresMaxPoolSize < 1) throw new ConfigException(p.OriginOf("postgresql.max-pool-size"), "orchestrator.persistence.postgresql.max-pool-size must be at least 1.");
        if (settings.QueryBatchSize < 1) throw new ConfigException(p.OriginOf("query.batch-size"), "orchestrator.persistence.query.batch-size must be at least 1.");
        if ((settings.JournalPlugin == "postgresql" || settings.SnapshotPlugin == "postgresql") && string.IsNullOrWhiteSpace(settings.PostgresConnectionString))
            throw new ConfigException(p.OriginOf("postgresql.connection-string"), "orchestrator.persistence.postgresql.connection-string is required when a plugin is 'postgresql'.");
        return settings;
    }

    private static string Plugin(Config p, string key)
    {
        var value = p.GetString(key);
        return Plugins.Contains(value)
            ? value
            : throw new ConfigException(p.OriginOf(key), $"orchestrator.persistence.{key} '{value}' is not a plugin; use one of {string.Join(", ", Plugins)}.");
    }
}
