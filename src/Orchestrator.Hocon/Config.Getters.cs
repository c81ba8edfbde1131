using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.Hocon;

/// <summary>Typed getters. Overloads with a default return it only when the path is missing or null, never on a bad value.</summary>
public sealed partial class Config
{
    /// <summary>The value as text; numbers and booleans as written.</summary>
    public string GetString(string path) => ValueConversions.ToText(Require(path), path);

    /// <inheritdoc cref="GetString(string)"/>
    [return: NotNullIfNotNull(nameof(defaultValue))]
    public string? GetString(string path, string? defaultValue) =>
        TryFind(path) is { } value ? ValueConversions.ToText(value, path) : defaultValue;

    /// <summary>A 32-bit integer (a number or numeric string).</summary>
    public int GetInt(string path) => ValueConversions.ToInt(Require(path), path);

    /// <inheritdoc cref="GetInt(string)"/>
    public int GetInt(string path, int defaultValue) =>
        TryFind(path) is { } value ? ValueConversions.ToInt(value, path) : defaultValue;

    /// <summary>A 64-bit integer (a number or numeric string).</summary>
    public long GetLong(string path) => ValueConversions.ToLong(Require(path), path);

    /// <inheritdoc cref="GetLong(string)"/>
    public long GetLong(string path, long defaultValue) =>
        TryFind(path) is { } value ? ValueConversions.ToLong(value, path) : defaultValue;

    /// <summary>A floating-point number (a number or numeric string).</summary>
    public double GetDouble(string path) => ValueConversions.ToDouble(Require(path), path);

    /// <inheritdoc cref="GetDouble(string)"/>
    public double GetDouble(string path, double defaultValue) =>
        TryFind(path) is { } value ? ValueConversions.ToDouble(value, path) : defaultValue;

    /// <summary>A boolean: true/false, yes/no or on/off.</summary>
    public bool GetBoolean(string path) => ValueConversions.ToBoolean(Require(path), path);

    /// <inheritdoc cref="GetBoolean(string)"/>
    public bool GetBoolean(string path, bool defaultValue) =>
        TryFind(path) is { } value ? ValueConversions.ToBoolean(value, path) : defaultValue;

    /// <summary>A duration such as <c>250ms</c> or <c>5 seconds</c>; a bare number is milliseconds, <c>infinite</c> is <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public TimeSpan GetTimeSpan(string path) => ValueConversions.ToTimeSpan(Require(path), path);

    /// <inheritdoc cref="GetTimeSpan(string)"/>
    public TimeSpan GetTimeSpan(string path, TimeSpan defaultValue) =>
        TryFind(path) is { } value ? ValueConversions.ToTimeSpan(value, path) : defaultValue;

    /// <summary>A size in bytes such as <c>64MiB</c> (binary) or <c>1.5GB</c> (decimal); a bare number is bytes.</summary>
    public long GetByteSize(string path) => ValueConversions.ToByteSize(Require(path), path);

    /// <inheritdoc cref="GetByteSize(string)"/>
    public long GetByteSize(string path, long defaultValue) =>
        TryFind(path) is { } value ? ValueConversions.ToByteSize(value, path) : defaultValue;

    /// <summary>A list whose elements are read as strings.</summary>
    public IReadOnlyList<string> GetStringList(string path) =>
        ValueConversions.ToList(Require(path), path, ValueConversions.ToText);

    /// <inheritdoc cref="GetStringList(string)"/>
    public IReadOnlyList<string> GetStringList(string path, IReadOnlyList<string> defaultValue) =>
        TryFind(path) is { } value ? ValueConversions.ToList(value, path, ValueConversions.ToText) : defaultValue;

    /// <summary>A list whose elements are read as 32-bit integers.</summary>
    public IReadOnlyList<int> GetIntList(string path) =>
        ValueConversions.ToList(Require(path), path, ValueConversions.ToInt);

    /// <inheritdoc cref="GetIntList(string)"/>
    public IReadOnlyList<int> GetIntList(string path, IReadOnlyList<int> defaultValue) =>
        TryFind(path) is { } value ? ValueConversions.ToList(value, path, ValueConversions.ToInt) : defaultValue;

    /// <summary>The object at <paramref name="path"/> as a configuration of its own; empty when the path is missing.</summary>
    public Config GetConfig(string path)
    {
        var value = TryFind(path);
        return value switch
        {
            null => Empty,
            HoconObject obj => new Config(obj.WithoutIgnoresFallbacks()),
            _ => throw new ConfigException(value.Origin, $"setting '{path}': expected an object but found {(value is HoconArray ? "a list" : $"{value.TypeName} '{((HoconScalar)value).Text}'")}"),
        };
    }
}
