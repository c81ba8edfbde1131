using Orchestrator.Ctl.Connection;
using Orchestrator.Model.Serialization;

namespace Orchestrator.Ctl.Manifests;

/// <summary>
/// The objects of <c>-f</c>: files, folders (their .yaml, .yml and .json files in name order; with
/// <c>-R</c> also sub-folders) and <c>-</c> for standard input, each a YAML or JSON stream of one or more
/// documents. Every document is parsed and checked here, so a malformed file fails before anything is sent,
/// with the file and position in the message.
/// </summary>
public static class ManifestSource
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>Every object, as JSON text, in the order the files give them.</summary>
    public static IReadOnlyList<ManifestObject> Read(IReadOnlyList<string> paths, bool recursive, TextReader stdin)
    {
        if (paths.Count == 0) throw new CtlException("error: must specify one of -f and -k");
        var objects = new List<ManifestObject>();
        foreach (var path in paths)
        {
            if (path == "-")
            {
                objects.AddRange(Parse(stdin.ReadToEnd(), "STDIN"));
                continue;
            }

            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files) objects.AddRange(Parse(File.ReadAllText(file), file));
                continue;
            }

            if (!File.Exists(path)) throw new CtlException($"error: the path \"{path}\" does not exist");
            objects.AddRange(Parse(File.ReadAllText(path), path));
        }

        if (objects.Count == 0) throw new CtlException("error: no objects passed to apply");
        return objects;
    }

    /// <summary>The documents of one stream; a <see cref="CtlException"/> naming the source and position for the first error.</summary>
    public static IReadOnlyList<ManifestObject> Parse(string text, string source)
    {
        var result = ManifestSerializer.Default.Read(text, source, FieldValidation.Strict);
        if (!result.Succeeded) throw new CtlException("error: error parsing " + string.Join("\n", result.Errors.Select(e => e.ToString())));
        return result.Documents.Select(d => new ManifestObject(source, d.Node.ToJsonString())).ToList();
    }
}

/// <summary>One object of a manifest: where it came from and its JSON text.</summary>
public sealed record ManifestObject(string Source, string Json);
