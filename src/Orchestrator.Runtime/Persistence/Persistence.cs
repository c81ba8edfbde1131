using Orchestrator.Runtime.Persistence.Journal;
using Orchestrator.Runtime.Persistence.Query;
using Orchestrator.Runtime.Persistence.Snapshot;
using Orchestrator.Runtime.Persistence.Sql;
using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Persistence;

/// <summary>
/// The persistence extension of one actor system: the journal and snapshot-store actors (under
/// <c>/system</c>), their storages chosen by <c>orchestrator.persistence.*.plugin</c>, and the read
/// journal for queries. Created on first use; its storages are disposed at shutdown.
/// </summary>
public sealed class Persistence
{
    private Persistence(ActorSystem system, (IJournalStorage Journal, ISnapshotStorage Snapshots)? storages)
    {
        Settings = PersistenceSettings.From(system.Config);
        (JournalStorage, SnapshotStorage) = storages ?? StoragePlugins.Create(Settings);
        Notifier = new JournalNotifier();
        Journal = system.SystemActorOf(Props.Create(() => new JournalActor(JournalStorage, system.Serialization, Notifier, Settings.MaxBatchSize)), "journal");
        SnapshotStore = system.SystemActorOf(Props.Create(() => new SnapshotStoreActor(SnapshotStorage, system.Serialization)), "snapshot-store");
        Query = new ReadJournal(JournalStorage, system.Serialization, Notifier, Settings);
        _ = CloseStoragesAfter(system.WhenTerminated);
    }

    /// <summary>Storages close after the last actor (and so the last write) has stopped; one failing to close does not keep the other open.</summary>
    private async Task CloseStoragesAfter(Task terminated)
    {
        await terminated.ConfigureAwait(false);
        try
        {
            await JournalStorage.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await SnapshotStorage.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The extension of <paramref name="system"/>, created on first use.</summary>
    public static Persistence Get(ActorSystem system) => system.GetOrCreateExtension(s => new Persistence(s, null));

    /// <summary>
    /// Makes <paramref name="system"/> use these storages instead of the configured plugins (a host
    /// that builds its own, or a test that wraps one). Must be called before anything persists.
    /// </summary>
    public static Persistence Use(ActorSystem system, IJournalStorage journal, ISnapshotStorage snapshots)
    {
        var created = system.GetOrCreateExtension(s => new Persistence(s, (journal, snapshots)));
        if (!ReferenceEquals(created.JournalStorage, journal))
            throw new InvalidOperationException("Persistence is already in use in this actor system; call Persistence.Use before the first persistent actor starts.");
        return created;
    }

    /// <summary>The persistence settings.</summary>
    public PersistenceSettings Settings { get; }

    /// <summary>The journal actor.</summary>
    internal IActorRef Journal { get; }

    /// <summary>The snapshot-store actor.</summary>
    internal IActorRef SnapshotStore { get; }

    /// <summary>The journal's storage (for tools and tests; actors go through the journal actor).</summary>
    public IJournalStorage JournalStorage { get; }

    /// <summary>The snapshot storage.</summary>
    public ISnapshotStorage SnapshotStorage { get; }

    /// <summary>Signals committed writes of this process to live queries.</summary>
    public JournalNotifier Notifier { get; }

    /// <summary>Queries over the journal: by persistence id, by tag, all ids.</summary>
    public ReadJournal Query { get; }
}

/// <summary>Creates the storage a plugin name stands for.</summary>
internal static class StoragePlugins
{
    public static (IJournalStorage Journal, ISnapshotStorage Snapshots) Create(PersistenceSettings settings) =>
        (CreateJournal(settings), CreateSnapshots(settings));

    private static IJournalStorage CreateJournal(PersistenceSettings settings) => settings.JournalPlugin switch
    {
        "memory" => new MemoryJournalStorage(),
        "sqlite" => new SqliteJournalStorage(SqliteOptions(settings)),
        "postgresql" => new PostgresJournalStorage(PostgresOptions(settings)),
        _ => throw new NotSupportedException($"Journal plugin '{settings.JournalPlugin}' is not known."),
    };

    private static ISnapshotStorage CreateSnapshots(PersistenceSettings settings) => settings.SnapshotPlugin switch
    {
        "memory" => new MemorySnapshotStorage(),
        "sqlite" => new SqliteSnapshotStorage(SqliteOptions(settings)),
        "postgresql" => new PostgresSnapshotStorage(PostgresOptions(settings)),
        _ => throw new NotSupportedException($"Snapshot plugin '{settings.SnapshotPlugin}' is not known."),
    };

    private static SqlStorageOptions SqliteOptions(PersistenceSettings settings) =>
        new($"Data Source={Path.GetFullPath(settings.SqlitePath)}", settings.TablePrefix);

    /// <summary>
    /// Caps the pool unless the connection string sets its own cap: two storages with Npgsql's default
    /// of 100 would exceed PostgreSQL's default max_connections, and refused connections fail recoveries.
    /// </summary>
    private static SqlStorageOptions PostgresOptions(PersistenceSettings settings)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(settings.PostgresConnectionString);
        if (!settings.PostgresConnectionString.Contains("Pool Size", StringComparison.OrdinalIgnoreCase))
            builder.MaxPoolSize = settings.PostgresMaxPoolSize;
        return new(builder.ConnectionString, settings.TablePrefix);
    }
}
