using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Runtime.Persistence.Sql;

/// <summary>
/// A fixed set of dedicated threads, each owning one SQLite connection, fed by a queue.
/// Microsoft.Data.Sqlite is synchronous even under its async API, so every database call runs here and
/// never blocks the callers' (actor dispatcher) thread-pool threads; callers get a task that completes
/// with RunContinuationsAsynchronously, so their continuations never run on these threads either.
/// </summary>
internal sealed class SqliteWorker : IAsyncDisposable
{
    private readonly Channel<WorkItem> _queue;
    private readonly string _name;
    private readonly int _threadCount;
    private readonly Func<SqliteConnection> _open;
    private readonly object _startLock = new();
    private TaskCompletionSource[]? _stopped;

    /// <param name="name">Thread name prefix, shown in dumps.</param>
    /// <param name="threadCount">1 for the writer (SQLite allows one writer anyway), more for readers.</param>
    /// <param name="open">Opens and configures a connection; called on the worker thread, again after a failed open.</param>
    public SqliteWorker(string name, int threadCount, Func<SqliteConnection> open)
    {
        _name = name;
        _threadCount = threadCount;
        _open = open;
        _queue = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions
        {
            SingleReader = threadCount == 1,
            SingleWriter = false,
        });
    }

    /// <summary>Runs <paramref name="work"/> on one of the threads; cancellation is honoured until it starts.</summary>
    public Task<T> RunAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);
        EnsureStarted();
        var item = new WorkItem<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(item)) throw new ObjectDisposedException(_name);
        return item.Task;
    }

    // Threads start on first use so a storage that is built but never used costs no threads.
    private void EnsureStarted()
    {
        if (Volatile.Read(ref _stopped) is not null) return;
        lock (_startLock)
        {
            if (_stopped is not null) return;
            var stopped = new TaskCompletionSource[_threadCount];
            for (var i = 0; i < _threadCount; i++)
            {
                stopped[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var done = stopped[i];
                var thread = new Thread(() => Loop(done))
                {
                    IsBackground = true,
                    Name = _threadCount == 1 ? _name : $"{_name}-{i}",
                };
                thread.Start();
            }
            Volatile.Write(ref _stopped, stopped);
        }
    }

    private void Loop(TaskCompletionSource done)
    {
        SqliteConnection? connection = null;
        try
        {
            var reader = _queue.Reader;
            // Blocking here is the point: this thread exists only to wait for and run SQLite work.
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var item))
                {
                    if (item.CancelIfRequested()) continue;
                    try
                    {
                        connection ??= _open();
                    }
                    catch (Exception e)
                    {
                        item.Fail(e);
                        continue;
                    }
                    item.Execute(connection);
                }
            }
        }
        finally
        {
            connection?.Dispose();
            done.TrySetResult();
        }
    }

    /// <summary>Stops accepting work, lets queued work finish, and closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        TaskCompletionSource[]? stopped;
        lock (_startLock) stopped = _stopped;
        if (stopped is not null) await Task.WhenAll(stopped.Select(s => s.Task));
    }

    private abstract class WorkItem
    {
        public abstract bool CancelIfRequested();

        public abstract void Fail(Exception e);

        public abstract void Execute(SqliteConnection connection);
    }

    private sealed class WorkItem<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken) : WorkItem
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _completion.Task;

        public override bool CancelIfRequested() =>
            cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

        public override void Fail(Exception e) => _completion.TrySetException(e);

        public override void Execute(SqliteConnection connection)
        {
            try
            {
                _completion.TrySetResult(work(connection));
            }
            catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
            {
                _completion.TrySetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                _completion.TrySetException(e);
            }
        }
    }
}
