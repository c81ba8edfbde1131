using System.Text;

namespace Orchestrator.Model.Validation;

/// <summary>Every field error found in one object; empty when the object is valid.</summary>
public sealed class ValidationResult
{
    /// <summary>Wraps a list of errors.</summary>
    public ValidationResult(IEnumerable<FieldError> errors)
    {
        Errors = errors.ToList();
    }

    /// <summary>A result with no errors.</summary>
    public static ValidationResult Valid { get; } = new([]);

    /// <summary>The errors, in the order the fields were checked.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>True when there are no errors.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Each error as the apiserver prints it, e.g. <c>spec.template.spec.containers[0].image: Required value</c>.</summary>
    public IReadOnlyList<string> Messages => Errors.Select(e => e.ToString()).ToList();

    /// <summary>
    /// The kubectl-style report: <c>[file (document N): ]The Kind "name" is invalid: field: message</c> for one
    /// error, or the header followed by one <c>* field: message</c> line per error.
    /// </summary>
    public string Format(string kind, string? name, string? source = null, int? documentIndex = null)
    {
        if (IsValid)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        if (source is not null || documentIndex is not null)
        {
            builder.Append(source ?? "<input>");
            if (documentIndex is { } index)
            {
                builder.Append(" (document ").Append(index).Append(')');
            }

            builder.Append(": ");
        }

        builder.Append("The ").Append(kind).Append(" \"").Append(name ?? string.Empty).Append("\" is invalid: ");
        if (Errors.Count == 1)
        {
            builder.Append(Errors[0]);
        }
        else
        {
            foreach (var error in Errors)
            {
                builder.Append('\n').Append("* ").Append(error);
            }
        }

        return builder.ToString();
    }

    /// <summary>Formats for an object: kind and name are taken from it.</summary>
    public string Format(IKubernetesObject obj, string? source = null, int? documentIndex = null) =>
        Format(obj.Kind, obj.Metadata.Name ?? obj.Metadata.GenerateName, source, documentIndex);
}
