using System.Diagnostics;

namespace Orchestrator.NodeAgent.Tests.Docker;

/// <summary>Polls for a condition with a deadline, instead of sleeping for a guessed time.</summary>
public static class Eventually
{
    /// <summary>Generous, because a loaded two-core machine can take seconds to start a container.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<T> WaitForAsync<T>(
        Func<Task<T>> probe,
        Func<T, bool> isDone,
        string description,
        TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var value = await probe();
            if (isDone(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0}s waiting until {description}; last value: {value}");
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }

    public static Task UntilAsync(Func<Task<bool>> condition, string description, TimeSpan? timeout = null) =>
        WaitForAsync(condition, done => done, description, timeout);
}
