namespace Orchestrator.Hocon;

/// <summary>Resolves includes as files relative to the directory of the including file.</summary>
internal sealed class FileIncludeResolver : IIncludeResolver
{
    // Tried in this order when an include names no extension; HOCON last so it overrides JSON.
    private static readonly string[] _extensions = [".json", ".conf"];

    private readonly string _directory;

    public FileIncludeResolver(string directory) => _directory = directory;

    /// <summary>Reads a file; read failures are reported at <paramref name="requestedAt"/>, or at the file itself.</summary>
    public static IncludeSource Load(string path, ConfigOrigin? requestedAt = null)
    {
        var fullPath = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(requestedAt ?? new ConfigOrigin(fullPath, 1, 1), $"cannot read '{fullPath}': {exception.Message}", exception);
        }

        return new IncludeSource(fullPath, fullPath, text, new FileIncludeResolver(Path.GetDirectoryName(fullPath) ?? "."));
    }

    public IReadOnlyList<IncludeSource> Resolve(IncludeRequest request)
    {
        switch (request.Kind)
        {
            case IncludeKind.Classpath:
                throw new ConfigException(request.Origin, $"include {request.Describe()}: classpath() includes are only supported in configuration loaded from an embedded resource");
            case IncludeKind.Url:
                throw new ConfigException(request.Origin, $"include {request.Describe()}: url() includes are not supported");
        }

        var path = Path.Combine(_directory, request.Name);
        if (File.Exists(path))
        {
            return [Load(path, request.Origin)];
        }

        if (Path.HasExtension(request.Name))
        {
            return [];
        }

        return [.. _extensions.Select(extension => path + extension).Where(File.Exists).Select(candidate => Load(candidate, request.Origin))];
    }

    public string DescribeLocation(IncludeRequest request) => Path.GetFullPath(Path.Combine(_directory, request.Name));
}
