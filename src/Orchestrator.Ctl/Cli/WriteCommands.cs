using System.CommandLine;
using Orchestrator.Actors.Admin;
using Orchestrator.Ctl.Manifests;

namespace Orchestrator.Ctl.Cli;

/// <summary><c>apply</c>, <c>create</c> and <c>replace</c>: objects from files, folders or stdin.</summary>
public static class WriteCommands
{
    /// <summary>The three commands.</summary>
    public static IEnumerable<Command> Build(CommandRunner runner)
    {
        yield return Write(runner, "apply", WriteMode.Apply, "Apply a configuration to resources by file name or stdin (create, or update by a three-way merge).");
        yield return Write(runner, "create", WriteMode.Create, "Create resources from files or stdin.");
        yield return Write(runner, "replace", WriteMode.Replace, "Replace resources by file name or stdin.");
    }

    private static Command Write(CommandRunner runner, string name, WriteMode mode, string description)
    {
        var command = new Command(name, description);
        var files = FileOptions.Files();
        var recursive = FileOptions.Recursive();
        command.Add(files);
        command.Add(recursive);
        command.SetAction(parse => runner.Checked(async () =>
        {
            var objects = ManifestSource.Read(parse.GetValue(files) ?? [], parse.GetValue(recursive), runner.Context.In);
            return await runner.WithConnection(parse, async connection =>
            {
                // Many objects take a while: say how many are on their way.
                if (objects.Count > 20) await runner.Context.Error.WriteLineAsync($"{name}: sending {objects.Count} objects...").ConfigureAwait(false);
                var timeout = connection.Timeout * Math.Max(1, objects.Count / 10 + 1);
                var result = await connection.Ask<AdminResult>(new WriteObjects(objects.Select(o => o.Json).ToList(), parse.GetValue(runner.Global.Namespace), mode), timeout).ConfigureAwait(false);
                return runner.Report(result);
            }).ConfigureAwait(false);
        }));
        return command;
    }
}

/// <summary>The <c>-f</c> and <c>-R</c> options.</summary>
public static class FileOptions
{
    /// <summary><c>-f</c>: files, folders, or <c>-</c> for stdin; repeatable.</summary>
    public static Option<string[]> Files() => new("--filename", "-f") { Description = "File, folder, or - for stdin (repeatable).", AllowMultipleArgumentsPerToken = false };

    /// <summary><c>-R</c>: folders recursively.</summary>
    public static Option<bool> Recursive() => new("--recursive", "-R") { Description = "Process the folders of -f recursively." };
}
