namespace Orchestrator.Hocon;

/// <summary>How an include names its target: bare <c>"x"</c>, <c>file("x")</c>, <c>classpath("x")</c> or <c>url("x")</c>.</summary>
internal enum IncludeKind
{
    Default,
    File,
    Classpath,
    Url,
}

/// <summary>A parsed <c>include</c> statement: what to load and whether its absence is an error.</summary>
internal sealed record IncludeRequest(IncludeKind Kind, string Name, bool Required, ConfigOrigin Origin)
{
    public string Describe()
    {
        var inner = Kind switch
        {
            IncludeKind.File => $"file(\"{Name}\")",
            IncludeKind.Classpath => $"classpath(\"{Name}\")",
            IncludeKind.Url => $"url(\"{Name}\")",
            _ => $"\"{Name}\"",
        };
        return Required ? $"required({inner})" : inner;
    }
}
