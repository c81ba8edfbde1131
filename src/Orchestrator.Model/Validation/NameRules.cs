using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Model.Validation;

/// <summary>
/// The apiserver's syntax rules for names, label keys and values, with its messages. Each check returns
/// the list of problems (empty when valid), worded as Kubernetes words them.
/// </summary>
public static partial class NameRules
{
    /// <summary>Maximum length of a DNS-1123 label and of a label value or qualified name part.</summary>
    public const int LabelMaxLength = 63;

    /// <summary>Maximum length of a DNS-1123 subdomain.</summary>
    public const int SubdomainMaxLength = 253;

    private const string Dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFormat = Dns1123LabelFormat + "(\\." + Dns1123LabelFormat + ")*";
    private const string Dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";
    private const string ConfigMapKeyFormat = "[-._a-zA-Z0-9]+";
    private const string CIdentifierFormat = "[A-Za-z_][A-Za-z0-9_]*";

    /// <summary>A lowercase RFC 1123 label (names of pods' containers, ports, namespaces, services...).</summary>
    public static IReadOnlyList<string> Dns1123Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > LabelMaxLength)
        {
            errors.Add(MaxLength(LabelMaxLength));
        }

        if (!Dns1123LabelPattern().IsMatch(value))
        {
            errors.Add(RegexError(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
                Dns1123LabelFormat,
                "my-name",
                "123-abc"));
        }

        return errors;
    }

    /// <summary>A lowercase RFC 1123 subdomain (most object names).</summary>
    public static IReadOnlyList<string> Dns1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (value.Length > SubdomainMaxLength)
        {
            errors.Add(MaxLength(SubdomainMaxLength));
        }

        if (!Dns1123SubdomainPattern().IsMatch(value))
        {
            errors.Add(RegexError(
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                Dns1123SubdomainFormat,
                "example.com"));
        }

        return errors;
    }

    /// <summary>An RFC 1035 label (service names).</summary>
    public static IReadOnlyList<string> Dns1035Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > LabelMaxLength)
        {
            errors.Add(MaxLength(LabelMaxLength));
        }

        if (!Dns1035LabelPattern().IsMatch(value))
        {
            errors.Add(RegexError(
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
                Dns1035LabelFormat,
                "my-name",
                "abc-123"));
        }

        return errors;
    }

    /// <summary>A qualified name: an optional DNS subdomain prefix and '/', then a name part (label and annotation keys).</summary>
    public static IReadOnlyList<string> QualifiedName(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0)
                {
                    errors.Add("prefix part must be non-empty");
                }
                else
                {
                    errors.AddRange(Dns1123Subdomain(prefix).Select(e => "prefix part " + e));
                }

                break;
            default:
                errors.Add("a qualified name " + RegexError(
                    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                    QualifiedNameFormat,
                    "MyName",
                    "my.name",
                    "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (name.Length > LabelMaxLength)
        {
            errors.Add("name part " + MaxLength(LabelMaxLength));
        }

        if (!QualifiedNamePattern().IsMatch(name))
        {
            errors.Add("name part " + RegexError(
                "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                QualifiedNameFormat,
                "MyName",
                "my.name",
                "123-abc"));
        }

        return errors;
    }

    /// <summary>A label value: empty, or up to 63 alphanumerics, '-', '_', '.' starting and ending alphanumeric.</summary>
    public static IReadOnlyList<string> LabelValue(string value)
    {
        var errors = new List<string>();
        if (value.Length > LabelMaxLength)
        {
            errors.Add(MaxLength(LabelMaxLength));
        }

        if (!LabelValuePattern().IsMatch(value))
        {
            errors.Add(RegexError(
                "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                LabelValueFormat,
                "MyValue",
                "my_value",
                "12345"));
        }

        return errors;
    }

    /// <summary>A ConfigMap or Secret key.</summary>
    public static IReadOnlyList<string> ConfigMapKey(string value)
    {
        var errors = new List<string>();
        if (value.Length > SubdomainMaxLength)
        {
            errors.Add(MaxLength(SubdomainMaxLength));
        }

        if (!ConfigMapKeyPattern().IsMatch(value))
        {
            errors.Add(RegexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", ConfigMapKeyFormat, "key.name", "KEY_NAME", "key-name"));
        }

        if (value == ".")
        {
            errors.Add("must not be '.'");
        }
        else if (value == "..")
        {
            errors.Add("must not be '..'");
        }
        else if (value.StartsWith("..", StringComparison.Ordinal))
        {
            errors.Add("must not start with '..'");
        }

        return errors;
    }

    /// <summary>A C identifier (environment variable names from envFrom keys).</summary>
    public static IReadOnlyList<string> CIdentifier(string value) =>
        CIdentifierPattern().IsMatch(value)
            ? []
            : [RegexError("a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'", CIdentifierFormat, "my_name", "MY_NAME", "MyName")];

    /// <summary>An environment variable name: any printable ASCII except '='.</summary>
    public static IReadOnlyList<string> EnvVarName(string value) =>
        value.Length > 0 && value.All(c => c is >= ' ' and <= '~' && c != '=')
            ? []
            : ["a valid environment variable name must consist only of printable ASCII characters other than '='"];

    /// <summary>An IANA service name used as a port name: up to 15 of [-a-z0-9], at least one letter, no "--", no hyphen at either end.</summary>
    public static IReadOnlyList<string> PortName(string value)
    {
        var errors = new List<string>();
        if (value.Length > 15)
        {
            errors.Add(MaxLength(15));
        }

        if (!value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') || value.Length == 0)
        {
            errors.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!value.Any(c => c is >= 'a' and <= 'z'))
        {
            errors.Add("must contain at least one letter (a-z)");
        }

        if (value.Contains("--", StringComparison.Ordinal))
        {
            errors.Add("must not contain consecutive hyphens");
        }

        if (value.Length > 0 && (value[0] == '-' || value[^1] == '-'))
        {
            errors.Add("must not begin or end with a hyphen");
        }

        return errors;
    }

    /// <summary>A port number, 1-65535.</summary>
    public static IReadOnlyList<string> PortNumber(long port) =>
        port is >= 1 and <= 65535 ? [] : [InclusiveRange(1, 65535)];

    /// <summary>"must be between lo and hi, inclusive".</summary>
    public static string InclusiveRange(long low, long high) =>
        string.Create(CultureInfo.InvariantCulture, $"must be between {low} and {high}, inclusive");

    /// <summary>"must be no more than N characters".</summary>
    public static string MaxLength(int length) =>
        string.Create(CultureInfo.InvariantCulture, $"must be no more than {length} characters");

    /// <summary>Builds "msg (e.g. 'a',  or 'b', regex used for validation is 'fmt')" exactly as Kubernetes words it.</summary>
    public static string RegexError(string message, string format, params string[] examples)
    {
        if (examples.Length == 0)
        {
            return $"{message} (regex used for validation is '{format}')";
        }

        var examplesText = string.Join(" or ", examples.Select(e => $"'{e}', "));
        return $"{message} (e.g. {examplesText}regex used for validation is '{format}')";
    }

    [GeneratedRegex("^" + Dns1123LabelFormat + "$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123LabelPattern();

    [GeneratedRegex("^" + Dns1123SubdomainFormat + "$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123SubdomainPattern();

    [GeneratedRegex("^" + Dns1035LabelFormat + "$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1035LabelPattern();

    [GeneratedRegex("^" + QualifiedNameFormat + "$", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedNamePattern();

    [GeneratedRegex("^" + LabelValueFormat + "$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValuePattern();

    [GeneratedRegex("^" + ConfigMapKeyFormat + "$", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigMapKeyPattern();

    [GeneratedRegex("^" + CIdentifierFormat + "$", RegexOptions.CultureInvariant)]
    private static partial Regex CIdentifierPattern();
}
