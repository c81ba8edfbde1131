namespace Orchestrator.Runtime.Persistence.Journal;

/// <summary>
/// Wakes live queries in this process as soon as the journal has committed new events, so local
/// writes reach watchers in milliseconds instead of a poll interval. Writes by other processes are
/// still found by polling.
/// </summary>
public sealed class JournalNotifier
{
    private TaskCompletionSource<long> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _highest;

    /// <summary>The highest ordering this process has seen committed.</summary>
    public long Highest => Volatile.Read(ref _highest);

    /// <summary>Completes when anything newer than <paramref name="ordering"/> is committed here.</summary>
    public Task WaitForNewerThan(long ordering)
    {
        var next = Volatile.Read(ref _next);
        return Volatile.Read(ref _highest) > ordering ? Task.CompletedTask : next.Task;
    }

    internal void Notify(long ordering)
    {
        long current;
        do
        {
            current = Volatile.Read(ref _highest);
            if (ordering <= current) break;
        } while (Interlocked.CompareExchange(ref _highest, ordering, current) != current);
        var previous = Interlocked.Exchange(ref _next, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult(ordering);
    }
}
