using Orchestrator.Benchmarks.Cluster;
using Orchestrator.Benchmarks.Controllers;
using Orchestrator.Benchmarks.Etcd;
using Orchestrator.Benchmarks.Kernel;
using Orchestrator.Benchmarks.NodeAgent;
using Orchestrator.Benchmarks.Persistence;
using Orchestrator.Benchmarks.Remoting;
using Orchestrator.Benchmarks.Scheduler;
using Orchestrator.Benchmarks.Store;

// Benchmarks are programs, not tests: run them in Release and record the output in docs/benchmarks.md.
//   dotnet run -c Release --project bench/Orchestrator.Benchmarks -- kernel [one-way|ping-pong|fan-in|spawn|ask|all] [--runs N]
//   dotnet run -c Release --project bench/Orchestrator.Benchmarks -- persistence-sqlite|persistence-postgresql [single|concurrent|recovery|all] [--runs N]
//   dotnet run -c Release --project bench/Orchestrator.Benchmarks -- store-sqlite|store-postgresql|store-memory [create|list|watch|memory|all] [--runs N] [--pods N]
//   dotnet run -c Release --project bench/Orchestrator.Benchmarks -- remote [one-way|round-trip|round-trip-64|all] [--runs N]   (starts a second process)
//   dotnet run -c Release --project bench/Orchestrator.Benchmarks -- etcd-compare sqlite|postgresql [--runs N]   (needs `bash scripts/ensure-etcd.sh`)
//   dotnet run -c Release --project bench/Orchestrator.Benchmarks -- node-agent [start|cpu|all] [--runs N] [--cpu-seconds S]   (needs `sudo bash scripts/ensure-docker.sh`)
//   dotnet run -c Release --project bench/Orchestrator.Benchmarks -- cluster [removal|all] [--runs N]   (starts member processes)
//   dotnet run -c Release --project bench/Orchestrator.Benchmarks -- sharding [local|cluster|recovery|all] [--runs N]   (cluster and recovery start two peers)
//   dotnet run -c Release --project bench/Orchestrator.Benchmarks -- controllers [converge|all] [--runs N] [--replicas N] [--nodes N]
//   dotnet run -c Release --project bench/Orchestrator.Benchmarks -- scheduler [decisions|decisions-spread|end-to-end|end-to-end-paced|all] [--runs N] [--nodes N] [--pods N]   (defaults 5,000 nodes, 30,000 pods)
// The remote suite starts this program again as its peer ("remote-peer"), the cluster suite as members ("cluster-peer"),
// the sharding suite as peers ("sharding-peer"): those are not suites to run by hand.
if (args.FirstOrDefault() == "remote-peer") return RemoteBenchmarks.Peer();
if (args.FirstOrDefault() == "cluster-peer") return ClusterBenchmarks.Peer(args[1]);
if (args.FirstOrDefault() == "sharding-peer") return Orchestrator.Benchmarks.Sharding.ShardingBenchmarks.Peer(args[1], args[2]);
var argsList = args.ToList();
var runs = 3;
var runsAt = argsList.IndexOf("--runs");
if (runsAt >= 0)
{
    runs = int.Parse(argsList[runsAt + 1]);
    argsList.RemoveRange(runsAt, 2);
}
int? podsOption = null;
var podsAt = argsList.IndexOf("--pods");
if (podsAt >= 0)
{
    podsOption = int.Parse(argsList[podsAt + 1]);
    argsList.RemoveRange(podsAt, 2);
}
var pods = podsOption ?? 100_000;
int? nodesOption = null;
var nodesAt = argsList.IndexOf("--nodes");
if (nodesAt >= 0)
{
    nodesOption = int.Parse(argsList[nodesAt + 1]);
    argsList.RemoveRange(nodesAt, 2);
}
var cpuSeconds = 60;
var cpuSecondsAt = argsList.IndexOf("--cpu-seconds");
if (cpuSecondsAt >= 0)
{
    cpuSeconds = int.Parse(argsList[cpuSecondsAt + 1]);
    argsList.RemoveRange(cpuSecondsAt, 2);
}
var replicas = 1_000;
var replicasAt = argsList.IndexOf("--replicas");
if (replicasAt >= 0)
{
    replicas = int.Parse(argsList[replicasAt + 1]);
    argsList.RemoveRange(replicasAt, 2);
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
    case "store-sqlite" or "store-postgresql" or "store-memory":
        StoreBenchmarks.Run(suite["store-".Length..], which, runs, pods);
        break;
    case "remote":
        RemoteBenchmarks.Run(which, runs);
        break;
    case "cluster":
        ClusterBenchmarks.Run(which, runs);
        break;
    case "sharding":
        Orchestrator.Benchmarks.Sharding.ShardingBenchmarks.Run(which, runs);
        break;
    case "etcd-compare":
        return EtcdCompareBenchmarks.Run(argsList.ElementAtOrDefault(1) ?? "", runs);
    case "node-agent":
        return NodeAgentBenchmarks.Run(which, runs, startPods: 50, steadyPods: 100, TimeSpan.FromSeconds(cpuSeconds));
    case "scheduler":
        SchedulerBenchmarks.Run(which, runs, nodesOption ?? 5_000, podsOption ?? 30_000);
        break;
    case "controllers":
        ControllerBenchmarks.Run(which, runs, replicas, nodesOption ?? 20);
        break;
    default:
        Console.Error.WriteLine($"Unknown suite '{suite}'. Suites: kernel, remote, cluster, sharding, persistence-sqlite, persistence-postgresql, persistence-memory, store-sqlite, store-postgresql, store-memory, etcd-compare, node-agent, scheduler, controllers.");
        return 2;
}
return 0;
