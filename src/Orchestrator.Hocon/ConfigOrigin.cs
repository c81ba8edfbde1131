namespace Orchestrator.Hocon;

/// <summary>Where a configuration value or error comes from: a source name with a 1-based line and column.</summary>
public sealed record ConfigOrigin(string SourceName, int Line, int Column)
{
    /// <summary>Origin used for values that were not read from any text, such as an empty configuration.</summary>
    public static ConfigOrigin None { get; } = new("<empty>", 1, 1);

    /// <summary>Formats the origin as <c>source:line:column</c>.</summary>
    public override string ToString() => $"{SourceName}:{Line}:{Column}";
}
