using Orchestrator.Ctl.Connection;

namespace Orchestrator.Ctl.Output;

/// <summary>The <c>-o</c> formats: a table (default), wide table, YAML, JSON, or resource/name lines.</summary>
public enum OutputFormat
{
    /// <summary>The kind's columns.</summary>
    Table,

    /// <summary>The columns plus the wide ones.</summary>
    Wide,

    /// <summary>Kubernetes-shaped YAML.</summary>
    Yaml,

    /// <summary>Kubernetes-shaped JSON.</summary>
    Json,

    /// <summary><c>kind.group/name</c> per object.</summary>
    Name,
}

/// <summary>Parses <c>-o</c>.</summary>
public static class OutputFormats
{
    /// <summary>The format named <paramref name="text"/>; kubectl's error for an unknown one.</summary>
    public static OutputFormat Parse(string? text) => text switch
    {
        null or "" => OutputFormat.Table,
        "wide" => OutputFormat.Wide,
        "yaml" => OutputFormat.Yaml,
        "json" => OutputFormat.Json,
        "name" => OutputFormat.Name,
        _ => throw new CtlException($"error: unable to match a printer suitable for the output format \"{text}\", allowed formats are: json,name,wide,yaml"),
    };
}
