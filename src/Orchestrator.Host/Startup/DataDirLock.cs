namespace Orchestrator.Host.Startup;

/// <summary>One process per data folder: two would write one SQLite journal as two writers of the same entities.</summary>
public sealed class DataDirLock : IDisposable
{
    private readonly FileStream _stream;

    private DataDirLock(FileStream stream) => _stream = stream;

    /// <summary>Locks <paramref name="dataDir"/> for this process, or fails naming the folder.</summary>
    public static DataDirLock Acquire(string dataDir)
    {
        var path = Path.Combine(dataDir, "orch.lock");
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true)) writer.Write(Environment.ProcessId);
            return new DataDirLock(stream);
        }
        catch (IOException e)
        {
            throw new StartupException($"error: another orch process uses the data folder {Path.GetFullPath(dataDir)} ({e.Message}). Stop it, or pass another --data-dir.", 5, e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
