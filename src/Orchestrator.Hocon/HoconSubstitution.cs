namespace Orchestrator.Hocon;

/// <summary>An unresolved <c>${path}</c> or <c>${?path}</c> reference.</summary>
internal sealed class HoconSubstitution : HoconValue
{
    public HoconSubstitution(ConfigPath path, ConfigPath writtenPath, string expression, bool optional, ConfigOrigin origin)
        : base(origin)
    {
        Path = path;
        WrittenPath = writtenPath;
        Expression = expression;
        Optional = optional;
    }

    /// <summary>The path looked up from the root, prefixed with the location of the include the substitution came from.</summary>
    public ConfigPath Path { get; }

    /// <summary>The path as written in its own file; differs from <see cref="Path"/> only inside nested includes.</summary>
    public ConfigPath WrittenPath { get; }

    /// <summary>The path expression as written, which is also the environment variable name tried as a fallback.</summary>
    public string Expression { get; }

    public bool Optional { get; }

    /// <summary>False for the implicit self-reference of <c>+=</c>, which must never pick up an environment variable.</summary>
    public bool UsesEnvironment { get; init; } = true;

    public override bool IsResolved => false;

    public override string TypeName => "substitution";

    public string Describe() => Optional ? $"${{?{Expression}}}" : $"${{{Expression}}}";
}
