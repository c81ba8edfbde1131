using System.CommandLine;
using Orchestrator.Actors.Admin;
using Orchestrator.Ctl.Connection;

namespace Orchestrator.Ctl.Cli;

/// <summary>Runs a command's body with a connection, turning every <see cref="CtlException"/> into its message on stderr and exit code 1.</summary>
public sealed class CommandRunner(CtlContext context, GlobalOptions global)
{
    /// <summary>The context commands write to.</summary>
    public CtlContext Context => context;

    /// <summary>The global options.</summary>
    public GlobalOptions Global => global;

    /// <summary>Runs <paramref name="body"/> against a fresh connection.</summary>
    public async Task<int> WithConnection(ParseResult parse, Func<AdminConnection, Task<int>> body)
    {
        try
        {
            var timeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(global.RequestTimeout)));
            await using var connection = await CtlContext.ConnectAsync(parse.GetValue(global.Config), timeout).ConfigureAwait(false);
            return await body(connection).ConfigureAwait(false);
        }
        catch (CtlException e)
        {
            await context.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>Runs <paramref name="body"/> without a connection (argument checks before connecting).</summary>
    public async Task<int> Checked(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (CtlException e)
        {
            await context.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>Prints each outcome as kubectl does (<c>deployment.apps/web created</c>) and each failure on stderr; 1 when any failed.</summary>
    public int Report(AdminResult result, Func<ObjectOutcome, string>? format = null)
    {
        var failed = false;
        foreach (var outcome in result.Outcomes)
        {
            if (outcome.Error is { } error)
            {
                failed = true;
                context.Error.WriteLine(CtlException.Describe(error));
            }
            else context.Out.WriteLine(format?.Invoke(outcome) ?? $"{outcome.Resource}/{outcome.Name} {outcome.Action}");
        }

        if (result.Error is { } requestError)
        {
            failed = true;
            context.Error.WriteLine(CtlException.Describe(requestError));
        }

        return failed ? 1 : 0;
    }

    /// <summary>The query of one target with the namespace options of <paramref name="parse"/>.</summary>
    public ResourceQuery Query(ParseResult parse, ResourceTarget target, bool allNamespaces = false, string? labelSelector = null, string? fieldSelector = null) =>
        new(target.Resource, parse.GetValue(global.Namespace), allNamespaces, target.Names, labelSelector, fieldSelector);
}
