using System.Diagnostics;

namespace Orchestrator.Benchmarks;

/// <summary>
/// Runs a workload once to warm up and then <c>runs</c> times, printing min/median/max of the figure
/// the workload reports (higher is better unless the unit says otherwise).
/// </summary>
internal static class Harness
{
    public static void Run(string name, string unit, int runs, Func<double> workload, bool higherIsBetter = true)
    {
        Console.WriteLine($"== {name}");
        Collect();
        var warm = workload();
        Console.WriteLine($"   warm-up: {Format(warm)} {unit}");
        var results = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            Collect();
            var r = workload();
            results.Add(r);
            Console.WriteLine($"   run {i + 1}: {Format(r)} {unit}");
        }
        results.Sort();
        var best = higherIsBetter ? results[^1] : results[0];
        var worst = higherIsBetter ? results[0] : results[^1];
        Console.WriteLine($"   RESULT {name}: median {Format(results[results.Count / 2])} {unit} (best {Format(best)}, worst {Format(worst)}, {runs} runs)");
    }

    public static void Collect()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    public static string Format(double v) => v >= 100 ? v.ToString("N0") : v.ToString("0.###");

    public static double Elapsed(Action action)
    {
        var sw = Stopwatch.StartNew();
        action();
        return sw.Elapsed.TotalSeconds;
    }

    /// <summary>The <paramref name="p"/> percentile (0..1) of an ascending list, NaN when empty.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>Waits for a benchmark step (at most 10 minutes, naming <paramref name="what"/> when it takes longer).</summary>
    public static T Await<T>(Task<T> task, string what)
    {
        Await((Task)task, what);
        return task.Result;
    }

    /// <summary>Waits for a benchmark step (at most 10 minutes, naming <paramref name="what"/> when it takes longer).</summary>
    public static void Await(Task task, string what)
    {
        if (!task.Wait(TimeSpan.FromMinutes(10))) throw new TimeoutException($"A {what} benchmark step did not finish within 10 minutes.");
    }
}
