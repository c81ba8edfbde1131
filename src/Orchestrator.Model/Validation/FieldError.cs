using System.Globalization;
using System.Text.Json;
using Orchestrator.Model.Serialization;

namespace Orchestrator.Model.Validation;

/// <summary>The kinds of field error the apiserver reports (field.ErrorType).</summary>
public enum FieldErrorType
{
    /// <summary>"Required value".</summary>
    Required,

    /// <summary>"Invalid value".</summary>
    Invalid,

    /// <summary>"Unsupported value".</summary>
    NotSupported,

    /// <summary>"Forbidden".</summary>
    Forbidden,

    /// <summary>"Duplicate value".</summary>
    Duplicate,

    /// <summary>"Too long".</summary>
    TooLong,

    /// <summary>"Too many".</summary>
    TooMany,

    /// <summary>"Not found".</summary>
    NotFound,
}

/// <summary>One validation failure at one field path, printed as the apiserver prints it.</summary>
/// <param name="Type">Kind of failure.</param>
/// <param name="Field">Field path, e.g. <c>spec.template.spec.containers[0].image</c>.</param>
/// <param name="BadValue">Offending value, when the type shows one.</param>
/// <param name="Detail">Explanation; may be empty.</param>
public sealed record FieldError(FieldErrorType Type, string Field, object? BadValue, string Detail)
{
    /// <summary><c>field: Required value</c>.</summary>
    public static FieldError Required(FieldPath path, string detail = "") => new(FieldErrorType.Required, path.ToString(), null, detail);

    /// <summary><c>field: Invalid value: "v": detail</c>.</summary>
    public static FieldError Invalid(FieldPath path, object? value, string detail) => new(FieldErrorType.Invalid, path.ToString(), value, detail);

    /// <summary><c>field: Unsupported value: "v": supported values: "a", "b"</c>.</summary>
    public static FieldError NotSupported(FieldPath path, object? value, IEnumerable<string> supported) =>
        new(FieldErrorType.NotSupported, path.ToString(), value, "supported values: " + string.Join(", ", supported.Select(s => $"\"{s}\"")));

    /// <summary><c>field: Forbidden: detail</c>.</summary>
    public static FieldError Forbidden(FieldPath path, string detail) => new(FieldErrorType.Forbidden, path.ToString(), null, detail);

    /// <summary><c>field: Duplicate value: "v"</c>.</summary>
    public static FieldError Duplicate(FieldPath path, object? value) => new(FieldErrorType.Duplicate, path.ToString(), value, string.Empty);

    /// <summary><c>field: Too long: may not be more than N bytes</c>.</summary>
    public static FieldError TooLong(FieldPath path, long maxLength) =>
        new(FieldErrorType.TooLong, path.ToString(), null, string.Create(CultureInfo.InvariantCulture, $"may not be more than {maxLength} bytes"));

    /// <summary><c>field: Too many: N: must have at most M items</c>.</summary>
    public static FieldError TooMany(FieldPath path, int actual, int max) =>
        new(FieldErrorType.TooMany, path.ToString(), actual, string.Create(CultureInfo.InvariantCulture, $"must have at most {max} items"));

    /// <summary><c>field: Not found: "v"</c>.</summary>
    public static FieldError NotFound(FieldPath path, object? value) => new(FieldErrorType.NotFound, path.ToString(), value, string.Empty);

    /// <summary>The apiserver's wording of the type.</summary>
    public string TypeText => Type switch
    {
        FieldErrorType.Required => "Required value",
        FieldErrorType.Invalid => "Invalid value",
        FieldErrorType.NotSupported => "Unsupported value",
        FieldErrorType.Forbidden => "Forbidden",
        FieldErrorType.Duplicate => "Duplicate value",
        FieldErrorType.TooLong => "Too long",
        FieldErrorType.TooMany => "Too many",
        FieldErrorType.NotFound => "Not found",
        _ => "Internal error",
    };

    /// <summary>The message without the field: <c>Invalid value: "Web_1": a lowercase ...</c>.</summary>
    public string Body
    {
        get
        {
            var showsValue = Type is FieldErrorType.Invalid or FieldErrorType.NotSupported or FieldErrorType.Duplicate
                or FieldErrorType.NotFound or FieldErrorType.TooMany;
            var text = showsValue ? $"{TypeText}: {RenderValue(BadValue)}" : TypeText;
            return Detail.Length == 0 ? text : $"{text}: {Detail}";
        }
    }

    /// <summary><c>spec.replicas: Invalid value: -1: must be greater than or equal to 0</c>.</summary>
    public override string ToString() => Field.Length == 0 ? Body : $"{Field}: {Body}";

    private static string RenderValue(object? value) => value switch
    {
        null => "null",
        string s => JsonSerializer.Serialize(s, KubernetesJson.Options),
        bool b => b ? "true" : "false",
        IFormattable f when value.GetType().IsPrimitive || value is decimal => f.ToString(null, CultureInfo.InvariantCulture),
        Primitives.IntOrString { IsString: false } number => number.IntValue.ToString(CultureInfo.InvariantCulture),
        Primitives.Quantity or Primitives.IntOrString => JsonSerializer.Serialize(value.ToString(), KubernetesJson.Options),
        _ => JsonSerializer.Serialize(value, value.GetType(), KubernetesJson.Options),
    };
}
