using System.Formats.Tar;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace Orchestrator.NodeAgent.Tests.Docker;

/// <summary>
/// Writes a minimal <c>docker save</c> archive (manifest.json, image config, one layer) in memory, so the
/// load test needs no image from anywhere: the layer holds the host's static busybox and one file.
/// </summary>
public static class ImageArchive
{
    public static MemoryStream Build(string tag, IReadOnlyDictionary<string, string> labels, string fileName, string fileContent)
    {
        var layer = BuildLayer(fileName, fileContent);
        var diffId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(layer));
        var config = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["architecture"] = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64",
            ["os"] = "linux",
            ["created"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["config"] = new Dictionary<string, object>
            {
                ["Labels"] = labels,
                ["Cmd"] = new[] { "/bin/busybox", "cat", "/" + fileName },
            },
            ["rootfs"] = new Dictionary<string, object> { ["type"] = "layers", ["diff_ids"] = new[] { diffId } },
        });
        var configName = Convert.ToHexStringLower(SHA256.HashData(config)) + ".json";
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new[]
        {
            new Dictionary<string, object>
            {
                ["Config"] = configName,
                ["RepoTags"] = new[] { tag },
                ["Layers"] = new[] { "layer/layer.tar" },
            },
        });

        var archive = new MemoryStream();
        using (var writer = new TarWriter(archive, TarEntryFormat.Ustar, leaveOpen: true))
        {
            AddDirectory(writer, "layer/");
            AddFile(writer, "layer/layer.tar", layer, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            AddFile(writer, configName, config, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            AddFile(writer, "manifest.json", manifest, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        archive.Position = 0;
        return archive;
    }

    private static byte[] BuildLayer(string fileName, string fileContent)
    {
        const string busybox = "/bin/busybox";
        if (!File.Exists(busybox))
        {
            throw new InvalidOperationException($"{busybox} is missing; scripts/ensure-docker.sh installs busybox-static");
        }

        using var layer = new MemoryStream();
        using (var writer = new TarWriter(layer, TarEntryFormat.Ustar, leaveOpen: true))
        {
            AddDirectory(writer, "bin/");
            AddFile(writer, "bin/busybox", File.ReadAllBytes(busybox),
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            AddFile(writer, fileName, System.Text.Encoding.UTF8.GetBytes(fileContent),
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        return layer.ToArray();
    }

    private static void AddDirectory(TarWriter writer, string name)
    {
        writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, name)
        {
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                   UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
        });
    }

    private static void AddFile(TarWriter writer, string name, byte[] content, UnixFileMode mode)
    {
        writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = mode,
            DataStream = new MemoryStream(content),
        });
    }
}
