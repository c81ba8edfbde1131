using Orchestrator.Actors.Admin;
using Orchestrator.Ctl.Connection;

namespace Orchestrator.Ctl.Cli;

/// <summary>What every command needs: where to write, what to read, and how to reach the cluster.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="In">Standard input (for <c>-f -</c>).</param>
/// <param name="Now">The clock (AGE columns).</param>
public sealed record CtlContext(TextWriter Out, TextWriter Error, TextReader In, Func<DateTimeOffset> Now)
{
    /// <summary>Standard input as bytes (<c>exec -i</c>), when the process has one; null reads <see cref="In"/> as UTF-8 text.</summary>
    public Func<Stream>? InputBytes { get; init; }

    /// <summary>Whether standard input is a terminal (<c>exec -t</c> puts it in raw mode); false when redirected.</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>The environment variable that names another client configuration.</summary>
    public const string ConfigVariable = "ORCH_CONFIG";

    /// <summary>The default client configuration: <c>.orch/client.conf</c> of the current folder.</summary>
    public static string DefaultConfigPath => Path.Combine(".orch", AdminClientConfig.FileName);

    /// <summary>The client configuration file: <c>--config</c>, else <c>ORCH_CONFIG</c>, else the default.</summary>
    public static string ConfigPath(string? flag) =>
        flag ?? (Environment.GetEnvironmentVariable(ConfigVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultConfigPath);

    /// <summary>Opens a connection with the configuration at <paramref name="configFlag"/> (see <see cref="ConfigPath"/>).</summary>
    public static async Task<AdminConnection> ConnectAsync(string? configFlag, TimeSpan timeout)
    {
        AdminClientConfig config;
        var path = ConfigPath(configFlag);
        try
        {
            config = AdminClientConfig.Read(path);
        }
        catch (FileNotFoundException e)
        {
            throw new CtlException("error: " + e.Message);
        }
        catch (Hocon.ConfigException e)
        {
            throw new CtlException($"error: bad client configuration: {e.Message}");
        }

        return await AdminConnection.OpenAsync(config, timeout).ConfigureAwait(false);
    }
}
