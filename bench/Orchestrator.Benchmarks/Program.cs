using Orchestrator.Benchmarks.Kernel;

// Benchmarks are programs, not tests: run them in Release and record the output in docs/benchmarks.md.
//   dotnet run -c Release --project bench/Orchestrator.Benchmarks -- kernel [one-way|ping-pong|fan-in|spawn|ask|all] [--runs N]
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
    default:
        Console.Error.WriteLine($"Unknown suite '{suite}'. Suites: kernel.");
        return 2;
}
return 0;
