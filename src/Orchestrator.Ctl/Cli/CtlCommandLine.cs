using System.CommandLine;

namespace Orchestrator.Ctl.Cli;

/// <summary>The <c>orchctl</c> command line: kubectl's commands, flags and output, against the admin console.</summary>
public static class CtlCommandLine
{
    /// <summary>The root command, writing to <paramref name="context"/>.</summary>
    public static RootCommand Build(CtlContext context)
    {
        var global = new GlobalOptions();
        var runner = new CommandRunner(context, global);
        var root = new RootCommand("orchctl controls an ActorOrchestrator cluster (the cluster `./orch up` started in this folder, unless --config or ORCH_CONFIG names another).");
        global.AddTo(root);
        root.Add(GetCommand.Build(runner));
        foreach (var command in WriteCommands.Build(runner)) root.Add(command);
        root.Add(DeleteCommand.Build(runner));
        root.Add(DescribeCommand.Build(runner));
        foreach (var command in ChangeCommands.Build(runner)) root.Add(command);
        foreach (var command in NodeCommands.Build(runner)) root.Add(command);
        root.Add(RolloutCommands.Build(runner));
        root.Add(ApiResourcesCommand.Build(runner));
        root.Add(ClusterCommands.Build(runner));
        root.Add(LogsCommand.Build(runner));
        root.Add(ExecCommand.Build(runner));
        root.Add(TopCommand.Build(runner));
        return root;
    }
}
