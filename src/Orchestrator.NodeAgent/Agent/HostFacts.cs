using System.Globalization;
using System.Runtime.InteropServices;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>What this machine is, read once from the process and <c>/proc</c>: the facts a Node object reports.</summary>
/// <param name="Cpus">Logical processors (Environment.ProcessorCount).</param>
/// <param name="MemoryBytes">MemTotal of /proc/meminfo in bytes (0 when unreadable).</param>
/// <param name="KernelVersion">/proc/sys/kernel/osrelease.</param>
/// <param name="OsImage">PRETTY_NAME of /etc/os-release.</param>
/// <param name="OperatingSystem">linux, windows or darwin.</param>
/// <param name="Architecture">amd64, arm64, ...</param>
/// <param name="MachineId">/etc/machine-id.</param>
/// <param name="BootId">/proc/sys/kernel/random/boot_id.</param>
/// <param name="Hostname">The host name.</param>
public sealed record HostFacts(
    int Cpus, long MemoryBytes, string KernelVersion, string OsImage, string OperatingSystem, string Architecture,
    string MachineId, string BootId, string Hostname)
{
    /// <summary>Reads the facts of this machine.</summary>
    public static HostFacts Read() => new(
        Environment.ProcessorCount,
        ParseMemTotal(ReadOrEmpty("/proc/meminfo")),
        ReadOrEmpty("/proc/sys/kernel/osrelease").Trim(),
        ParsePrettyName(ReadOrEmpty("/etc/os-release")),
        OperatingSystemName(),
        ArchitectureName(RuntimeInformation.OSArchitecture),
        ReadOrEmpty("/etc/machine-id").Trim(),
        ReadOrEmpty("/proc/sys/kernel/random/boot_id").Trim(),
        Environment.MachineName.ToLowerInvariant());

    /// <summary>MemTotal (in kB in the file) as bytes, or 0 when absent.</summary>
    public static long ParseMemTotal(string meminfo) => ParseMeminfoField(meminfo, "MemTotal");

    /// <summary>A field of /proc/meminfo (in kB in the file) as bytes, or 0 when absent.</summary>
    public static long ParseMeminfoField(string meminfo, string field)
    {
        var prefix = field + ":";
        foreach (var line in meminfo.Split('\n'))
        {
            if (!line.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line[prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
            {
                return parts.Length > 1 && parts[1] == "kB" ? kb * 1024 : kb;
            }
        }

        return 0;
    }

    /// <summary>PRETTY_NAME of an os-release file without its quotes, or "" when absent.</summary>
    public static string ParsePrettyName(string osRelease)
    {
        foreach (var line in osRelease.Split('\n'))
        {
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            {
                return line["PRETTY_NAME=".Length..].Trim().Trim('"');
            }
        }

        return "";
    }

    /// <summary>A file's text, or "" when it is missing or unreadable.</summary>
    internal static string ReadOrEmpty(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : "";
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static string OperatingSystemName() =>
        System.OperatingSystem.IsLinux() ? "linux" : System.OperatingSystem.IsWindows() ? "windows" : System.OperatingSystem.IsMacOS() ? "darwin" : "unknown";

    private static string ArchitectureName(System.Runtime.InteropServices.Architecture architecture) => architecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        _ => architecture.ToString().ToLowerInvariant(),
    };
}
