namespace Orchestrator.Hocon;

/// <summary>Text to parse together with how to find the files or resources it includes in turn.</summary>
/// <param name="Name">Shown in origins and error messages.</param>
/// <param name="Identity">Compared to detect include cycles (a full path or a resource name).</param>
/// <param name="Text">The HOCON text.</param>
/// <param name="Resolver">Locates includes relative to this source.</param>
internal sealed record IncludeSource(string Name, string Identity, string Text, IIncludeResolver Resolver);

/// <summary>Locates the target of an include statement relative to the source containing it.</summary>
internal interface IIncludeResolver
{
    /// <summary>The sources to merge in order; empty when the target does not exist.</summary>
    IReadOnlyList<IncludeSource> Resolve(IncludeRequest request);

    /// <summary>Where the target was looked for, for "not found" messages.</summary>
    string DescribeLocation(IncludeRequest request);
}
