using Orchestrator.TestNode;

// Entry point of the test node program; each mode is one scenario a multi-process test drives.
//   persist-crash <config-file> <persistence-id>   persist numbered events forever, printing "ack <seq>" for each durable one
return args.FirstOrDefault() switch
{
    "persist-crash" when args.Length == 3 => await PersistCrashMode.Run(args[1], args[2]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Orchestrator.TestNode persist-crash <config-file> <persistence-id>");
    return 2;
}
