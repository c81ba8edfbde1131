using System.Globalization;

namespace Orchestrator.Model.Validation;

/// <summary>An immutable field path printed as Kubernetes prints them: <c>spec.containers[0].ports[1].containerPort</c>, <c>metadata.labels[app]</c>.</summary>
public sealed class FieldPath
{
    private readonly string _text;

    private FieldPath(string text)
    {
        _text = text;
    }

    /// <summary>The empty (root) path.</summary>
    public static FieldPath Root { get; } = new(string.Empty);

    /// <summary>A path from its first field name(s).</summary>
    public static FieldPath Of(params string[] fields) => fields.Aggregate(Root, (path, field) => path.Child(field));

    /// <summary>A child field.</summary>
    public FieldPath Child(string name) => new(_text.Length == 0 ? name : $"{_text}.{name}");

    /// <summary>Nested child fields.</summary>
    public FieldPath Child(string name, params string[] more) => more.Aggregate(Child(name), (path, field) => path.Child(field));

    /// <summary>A list element.</summary>
    public FieldPath Index(int index) => new(string.Create(CultureInfo.InvariantCulture, $"{_text}[{index}]"));

    /// <summary>A map entry.</summary>
    public FieldPath Key(string key) => new($"{_text}[{key}]");

    /// <inheritdoc />
    public override string ToString() => _text;
}
