using Orchestrator.TestNode;

// Entry point of the test node program; each mode is one scenario a multi-process test drives.
//   persist-crash <config-file> <persistence-id>   persist numbered events forever, printing "ack <seq>" for each durable one
//   remote-echo <port> [cluster-secret]            remoting peer "echo-node" on 127.0.0.1:<port> (0 = any) with /user/echo; prints "listening <address>"
//   sharding-node <config-file> <seed-address>     cluster member hosting the sharded type "counter"; prints "up <address>"
//   cluster-node <port> <secret> <seeds|self> [hocon]  cluster member driven by stdin commands (see ClusterNodeMode)
return args.FirstOrDefault() switch
{
    "persist-crash" when args.Length == 3 => await PersistCrashMode.Run(args[1], args[2]),
    "remote-echo" when args.Length is 2 or 3 => await RemoteEchoMode.Run(int.Parse(args[1]), args.ElementAtOrDefault(2) ?? ""),
    "sharding-node" when args.Length == 3 => await ShardingNodeMode.Run(args[1], args[2]),
    "cluster-node" when args.Length is 4 or 5 => await ClusterNodeMode.Run(int.Parse(args[1]), args[2], args[3], args.ElementAtOrDefault(4) ?? ""),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Orchestrator.TestNode persist-crash <config-file> <persistence-id>");
    Console.Error.WriteLine("       Orchestrator.TestNode remote-echo <port> [cluster-secret]");
    Console.Error.WriteLine("       Orchestrator.TestNode sharding-node <config-file> <seed-address>");
    Console.Error.WriteLine("       Orchestrator.TestNode cluster-node <port> <cluster-secret> <seed,seed...|self> [hocon]");
    return 2;
}
