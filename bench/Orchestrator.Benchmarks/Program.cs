using Orchestrator.Benchmarks.Kernel;
using Orchestrator.Benchmarks.Persistence;

// Benchmarks are programs, not tests: run them in Release and record the output in docs/benchmarks.md.
//   dotnet run -c Release --project bench/Orchestrator.Benchmarks -- kernel [one-way|ping-pong|fan-in|spawn|ask|all] [--runs N]
//   dotnet run -c Release --project bench/Orchestrator.Benchmarks -- persistence-sqlite|persistence-postgresql [single|concurrent|recovery|all] [--runs N]
var argsList = args.ToList();
var runs = 3;
var runsAt = argsList.IndexOf("--runs");
if (runsAt >= 0)
{
    runs = int.Parse(argsList[runsAt + 1]);
    argsList.RemoveRange(runsAt, 2);
}
var suite = argsList.ElementAtOrDefault(0) ?? "kernel";
var which = argsList.ElementAtOrDefault(1) ?? "all";
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
switch (suite)
{
    case "kernel":
        KernelBenchmarks.Run(which, runs);
        break;
    case "persistence-sqlite":
        PersistenceBenchmarks.Run("sqlite", which, runs);
        break;
    case "persistence-postgresql":
        PersistenceBenchmarks.Run("postgresql", which, runs);
        break;
    case "persistence-memory":
        PersistenceBenchmarks.Run("memory", which, runs);
        break;
    default:
        Console.Error.WriteLine($"Unknown suite '{suite}'. Suites: kernel, persistence-sqlite, persistence-postgresql, persistence-memory.");
        return 2;
}
return 0;
