using System.Text;

namespace Orchestrator.Hocon;

/// <summary>Key (path expression) parsing.</summary>
internal sealed partial class Parser
{
    /// <summary>
    /// Reads a key such as <c>a.b."c.d" e</c>: dots in unquoted text split it, quoted text is literal,
    /// and whitespace between pieces stays part of the key.
    /// </summary>
    private ConfigPath ParseKey()
    {
        var first = Peek;
        if (first.Kind is not (TokenKind.Unquoted or TokenKind.Quoted))
        {
            throw first.Kind == TokenKind.Substitution
                ? new ConfigException(first.Origin, "substitutions are not allowed in keys")
                : new ConfigException(first.Origin, $"expected a key but found {first.Describe()}");
        }

        var segments = new List<string>();
        var current = new StringBuilder();
        var pendingWhitespace = string.Empty;
        var started = false;
        while (true)
        {
            var token = Peek;
            if (token.Kind == TokenKind.Whitespace)
            {
                pendingWhitespace += token.Text;
                Next();
                continue;
            }

            if (token.Kind == TokenKind.Substitution)
            {
                throw new ConfigException(token.Origin, "substitutions are not allowed in keys");
            }

            if (token.Kind is not (TokenKind.Unquoted or TokenKind.Quoted))
            {
                break;
            }

            Next();
            if (started)
            {
                current.Append(pendingWhitespace);
            }

            pendingWhitespace = string.Empty;
            if (token.Kind == TokenKind.Quoted)
            {
                current.Append(token.Text);
                started = true;
                continue;
            }

            var parts = token.Text.Split('.');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    if (!started)
                    {
                        throw EmptyKeyElement(token);
                    }

                    segments.Add(current.ToString());
                    current.Clear();
                    started = false;
                }

                if (parts[i].Length > 0)
                {
                    current.Append(parts[i]);
                    started = true;
                }
            }
        }

        if (!started)
        {
            throw EmptyKeyElement(first);
        }

        segments.Add(current.ToString());
        if (segments.Count > MaxNesting)
        {
            throw new ConfigException(first.Origin, $"key has more than {MaxNesting} path elements");
        }

        return ConfigPath.Of([.. segments]);
    }

    private static ConfigException EmptyKeyElement(Token token) =>
        new(token.Origin, $"key '{token.Text}' has an empty element (a key may not start or end with '.' or contain '..'; quote it as \"\" if intended)");
}
