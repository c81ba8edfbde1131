using System.Text;

namespace Orchestrator.Hocon;

/// <summary>Include statement parsing and merging of the included document.</summary>
internal sealed partial class Parser
{
    private const char NamePlaceholder = '\u0001';

    private static readonly Dictionary<string, (IncludeKind Kind, bool Required)> _includeForms = new(StringComparer.Ordinal)
    {
        ["#"] = (IncludeKind.Default, false),
        ["file(#)"] = (IncludeKind.File, false),
        ["classpath(#)"] = (IncludeKind.Classpath, false),
        ["url(#)"] = (IncludeKind.Url, false),
        ["required(#)"] = (IncludeKind.Default, true),
        ["required(file(#))"] = (IncludeKind.File, true),
        ["required(classpath(#))"] = (IncludeKind.Classpath, true),
        ["required(url(#))"] = (IncludeKind.Url, true),
    };

    /// <summary>An unquoted <c>include</c> starts an include only when a quoted name or a form like <c>file(</c> follows.</summary>
    private bool IsIncludeStatement()
    {
        var index = _position + 1;
        while (_tokens[index].Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            index++;
        }

        var next = _tokens[index];
        return next.Kind == TokenKind.Quoted
            || (next.Kind == TokenKind.Unquoted && _includeForms.Keys.Any(form =>
                form.Length > 1 && next.Text.StartsWith(form[..(form.IndexOf('(') + 1)], StringComparison.Ordinal)));
    }

    private string ParseInclude(ObjectBuilder builder, ConfigPath? objectPath)
    {
        var request = ParseIncludeRequest();
        var sources = _source.Resolver.Resolve(request);
        if (sources.Count == 0)
        {
            if (request.Required)
            {
                throw new ConfigException(request.Origin,
                    $"required include {request.Describe()} was not found (looked in {_source.Resolver.DescribeLocation(request)})");
            }

            return $"include {request.Describe()}";
        }

        foreach (var source in sources)
        {
            if (_includeChain.Contains(source.Identity, StringComparer.Ordinal))
            {
                var cycle = string.Join(" -> ", _includeChain.SkipWhile(identity => identity != source.Identity).Append(source.Identity));
                throw new ConfigException(request.Origin, $"include cycle: {cycle}");
            }

            var included = ParseDocument(source, _prefix.Concat(objectPath ?? ConfigPath.Root), _includeChain);
            foreach (var (key, value) in included.Fields)
            {
                builder.Set(key, value);
            }
        }

        return $"include {request.Describe()}";
    }

    private IncludeRequest ParseIncludeRequest()
    {
        var include = Next();
        SkipWhitespaceAndNewlines();
        var shape = new StringBuilder();
        string? name = null;
        var namesSeen = 0;
        while (Peek.Kind is TokenKind.Unquoted or TokenKind.Quoted or TokenKind.Whitespace)
        {
            var token = Next();
            if (token.Kind == TokenKind.Quoted)
            {
                name = token.Text;
                namesSeen++;
                shape.Append(NamePlaceholder);
            }
            else if (token.Kind == TokenKind.Unquoted)
            {
                shape.Append(token.Text);
            }
        }

        var form = shape.ToString().Replace(NamePlaceholder, '#');
        if (namesSeen != 1 || !_includeForms.TryGetValue(form, out var meaning))
        {
            throw new ConfigException(include.Origin,
                "include must be followed by one quoted name, optionally wrapped as file(\"...\"), classpath(\"...\"), url(\"...\") or required(...)");
        }

        return new IncludeRequest(meaning.Kind, name!, meaning.Required, include.Origin);
    }
}
