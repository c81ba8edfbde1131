using System.Globalization;
using System.Text;
using Orchestrator.Hocon;

namespace Orchestrator.Actors.Admin;

/// <summary>
/// What a client needs to reach a cluster's admin console: the address of a control-plane process and the
/// cluster secret. <c>orch up</c> writes it (file mode 0600, the secret is a credential) to
/// <c>.orch/client.conf</c>; <c>orchctl</c> reads it from there, from <c>--config</c> or from <c>ORCH_CONFIG</c>.
/// </summary>
/// <param name="AdminAddress">The control-plane process's address, e.g. <c>orch.tcp://orch@127.0.0.1:2552</c>.</param>
/// <param name="ClusterSecret">The remoting handshake's shared secret.</param>
public sealed record AdminClientConfig(string AdminAddress, string ClusterSecret)
{
    /// <summary>The file's name inside a data directory.</summary>
    public const string FileName = "client.conf";

    private const string Section = "orchctl";

    /// <summary>The file's text (HOCON).</summary>
    public string Render() => new StringBuilder()
        .AppendLine("# Written by `orch` at start: how orchctl reaches this cluster. Keep it private (it holds the cluster secret).")
        .AppendLine(CultureInfo.InvariantCulture, $"{Section} {{")
        .AppendLine(CultureInfo.InvariantCulture, $"  admin-address = \"{AdminAddress}\"")
        .AppendLine(CultureInfo.InvariantCulture, $"  cluster-secret = \"{ClusterSecret}\"")
        .AppendLine("}")
        .ToString();

    /// <summary>Writes the file, readable and writable by its owner only (on Unix).</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.Delete(temp);
        using (var stream = OwnerOnly(temp))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
            writer.Write(Render());
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a client configuration file; a missing file or key is a <see cref="ConfigException"/> naming it.</summary>
    public static AdminClientConfig Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"no client configuration at {path}: start a cluster here with `./orch up`, or pass --config / set ORCH_CONFIG", path);
        var config = Config.ParseFile(path);
        foreach (var key in new[] { "admin-address", "cluster-secret" })
        {
            if (!config.HasPath($"{Section}.{key}"))
                throw new ConfigException(new ConfigOrigin(path, 1, 1), $"{Section}.{key} is missing");
        }

        return new AdminClientConfig(config.GetString($"{Section}.admin-address"), config.GetString($"{Section}.cluster-secret"));
    }

    /// <summary>Creates a file with mode 0600 before anything is written to it.</summary>
    public static FileStream OwnerOnly(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }
}
