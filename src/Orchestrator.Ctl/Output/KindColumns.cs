using System.Text.Json.Nodes;

namespace Orchestrator.Ctl.Output;

/// <summary>The columns <c>get</c> prints for one kind: the normal ones and those <c>-o wide</c> adds after them.</summary>
/// <param name="Headers">Column names after NAME (NAME comes first, NAMESPACE before it with -A).</param>
/// <param name="Cells">The cells of one object for <see cref="Headers"/>, given the time now.</param>
/// <param name="WideHeaders">Extra columns of -o wide.</param>
/// <param name="WideCells">Their cells.</param>
public sealed record KindColumns(
    IReadOnlyList<string> Headers,
    Func<JsonNode, DateTimeOffset, IReadOnlyList<string>> Cells,
    IReadOnlyList<string>? WideHeaders = null,
    Func<JsonNode, IReadOnlyList<string>>? WideCells = null)
{
    /// <summary>NAME ... AGE for kinds without their own columns.</summary>
    public static KindColumns Generic { get; } = new(["AGE"], (o, now) => [Age.Since(Json.Time(o, "metadata.creationTimestamp"), now)]);

    /// <summary>The columns of <paramref name="kind"/>.</summary>
    public static KindColumns For(string kind) => KindColumnSets.ByKind.GetValueOrDefault(kind) ?? Generic;
}
