using System.Reflection;

namespace Orchestrator.Hocon;

/// <summary>Resolves includes as other embedded resources of the assembly holding the including resource.</summary>
internal sealed class ResourceIncludeResolver : IIncludeResolver
{
    private readonly Assembly _assembly;
    private readonly string _resourceName;

    private ResourceIncludeResolver(Assembly assembly, string resourceName)
    {
        _assembly = assembly;
        _resourceName = resourceName;
    }

    /// <summary>Reads a resource; null when the assembly has none of that name.</summary>
    public static IncludeSource? Load(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        var name = $"{assembly.GetName().Name}:{resourceName}";
        return new IncludeSource(name, name, reader.ReadToEnd(), new ResourceIncludeResolver(assembly, resourceName));
    }

    public IReadOnlyList<IncludeSource> Resolve(IncludeRequest request)
    {
        if (request.Kind is IncludeKind.File or IncludeKind.Url)
        {
            throw new ConfigException(request.Origin, $"include {request.Describe()}: only resource includes (\"name\" or classpath(\"name\")) are supported inside an embedded resource");
        }

        var resourceName = FindResource(request.Name);
        var source = resourceName is null ? null : Load(_assembly, resourceName);
        return source is null ? [] : [source];
    }

    public string DescribeLocation(IncludeRequest request) => $"embedded resources of {_assembly.GetName().Name}";

    private string? FindResource(string name)
    {
        var names = _assembly.GetManifestResourceNames();
        var trimmed = name.TrimStart('/');

        // Resources given a logical name with slashes behave like files: look next to the including one.
        var slash = _resourceName.LastIndexOf('/');
        if (slash >= 0 && !name.StartsWith('/'))
        {
            var sibling = _resourceName[..(slash + 1)] + trimmed;
            if (names.Contains(sibling, StringComparer.Ordinal))
            {
                return sibling;
            }
        }

        if (names.Contains(trimmed, StringComparer.Ordinal))
        {
            return trimmed;
        }

        // Default manifest names replace folders with dots ("Assembly.Folder.file.conf"), so the
        // closest match is the one sharing the longest prefix with the including resource.
        var dotted = trimmed.Replace('/', '.').Replace('\\', '.');
        return names
            .Where(candidate => candidate.EndsWith("." + dotted, StringComparison.Ordinal))
            .OrderByDescending(CommonPrefixLength)
            .ThenBy(candidate => candidate.Length)
            .FirstOrDefault();
    }

    private int CommonPrefixLength(string candidate)
    {
        var length = 0;
        while (length < candidate.Length && length < _resourceName.Length && candidate[length] == _resourceName[length])
        {
            length++;
        }

        return length;
    }
}
