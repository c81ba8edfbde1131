namespace Orchestrator.Hocon;

/// <summary>Builds the unresolved tree of one document from its tokens, merging duplicate keys and includes as it goes.</summary>
internal sealed partial class Parser
{
    // Deep enough for any real document, shallow enough that hostile input cannot overflow the stack.
    private const int MaxNesting = 256;

    private readonly IReadOnlyList<Token> _tokens;
    private readonly IncludeSource _source;
    private readonly ConfigPath _prefix;
    private readonly IReadOnlyList<string> _includeChain;
    private int _position;
    private int _nesting;

    private Parser(IncludeSource source, ConfigPath prefix, IReadOnlyList<string> includeChain)
    {
        _source = source;
        _prefix = prefix;
        _includeChain = includeChain;
        _tokens = Tokenizer.Tokenize(source.Text, source.Name);
    }

    /// <summary>Parses a whole document into its root object.</summary>
    /// <param name="source">The text and where its includes are looked up.</param>
    /// <param name="prefix">Where the document is included; its substitutions are made absolute with it.</param>
    /// <param name="includeChain">Identities of the documents currently being parsed, to detect include cycles.</param>
    public static HoconObject ParseDocument(IncludeSource source, ConfigPath? prefix = null, IReadOnlyList<string>? includeChain = null) =>
        new Parser(source, prefix ?? ConfigPath.Root, [.. includeChain ?? [], source.Identity]).ParseRoot();

    private Token Peek => _tokens[_position];

    private Token Next() => _tokens[_position++];

    private HoconObject ParseRoot()
    {
        SkipWhitespaceAndNewlines();
        HoconObject root;
        if (Peek.Kind == TokenKind.OpenBracket)
        {
            throw new ConfigException(Peek.Origin, "the root of a configuration must be an object, not a list");
        }

        if (Peek.Kind == TokenKind.OpenBrace)
        {
            root = ParseBracedObject(ConfigPath.Root);
            SkipWhitespaceAndNewlines();
            if (Peek.Kind != TokenKind.End)
            {
                throw Peek.Kind == TokenKind.CloseBrace
                    ? new ConfigException(Peek.Origin, "unbalanced braces: '}' has no matching '{'")
                    : new ConfigException(Peek.Origin, $"unexpected {Peek.Describe()} after the closing '}}' of the root object");
            }
        }
        else
        {
            root = ParseFields(ConfigPath.Root, openBrace: null);
        }

        return root;
    }

    private HoconObject ParseBracedObject(ConfigPath? objectPath)
    {
        var open = Next();
        EnterNesting(open);
        var result = ParseFields(objectPath, open);
        Next();
        _nesting--;
        return result;
    }

    private void EnterNesting(Token open)
    {
        if (++_nesting > MaxNesting)
        {
            throw new ConfigException(open.Origin, $"objects and lists are nested more than {MaxNesting} levels deep");
        }
    }

    /// <summary>Parses fields up to the closing brace (left unconsumed) or, for a brace-less root, the end of input.</summary>
    /// <param name="objectPath">Path of this object within the document; null inside lists, where paths do not apply.</param>
    private HoconObject ParseFields(ConfigPath? objectPath, Token? openBrace)
    {
        var builder = new ObjectBuilder();
        var closing = openBrace is null ? TokenKind.End : TokenKind.CloseBrace;
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Peek;
            if (token.Kind == closing)
            {
                break;
            }

            if (token.Kind == TokenKind.End)
            {
                throw new ConfigException(openBrace!.Origin, "unbalanced braces: this '{' is never closed");
            }

            if (token.Kind == TokenKind.CloseBrace)
            {
                throw new ConfigException(token.Origin, "unbalanced braces: '}' has no matching '{'");
            }

            if (token.Kind == TokenKind.Comma)
            {
                throw new ConfigException(token.Origin, "unexpected ',': expected a key (commas may not start an object or follow another comma)");
            }

            var description = token.Kind == TokenKind.Unquoted && token.Text == "include" && IsIncludeStatement()
                ? ParseInclude(builder, objectPath)
                : ParseField(builder, objectPath);
            ExpectFieldEnd(closing, openBrace, description);
        }

        return builder.Build(openBrace?.Origin ?? new ConfigOrigin(_source.Name, 1, 1));
    }

    private void ExpectFieldEnd(TokenKind closing, Token? openBrace, string description)
    {
        if (SkipSeparator() || Peek.Kind == closing)
        {
            return;
        }

        if (Peek.Kind == TokenKind.End)
        {
            throw new ConfigException(openBrace!.Origin, "unbalanced braces: this '{' is never closed");
        }

        throw new ConfigException(Peek.Origin, $"expected ',' or a newline after {description} but found {Peek.Describe()}");
    }

    /// <summary>Consumes what may follow a field or element: newlines and at most one comma, on either side of them.</summary>
    /// <returns>True when a comma or newline was found.</returns>
    private bool SkipSeparator()
    {
        SkipWhitespace();
        var found = Peek.Kind == TokenKind.Newline;
        SkipWhitespaceAndNewlines();
        if (Peek.Kind == TokenKind.Comma)
        {
            Next();
            found = true;
        }

        return found;
    }

    private string ParseField(ObjectBuilder builder, ConfigPath? objectPath)
    {
        var keyToken = Peek;
        var key = ParseKey();
        SkipWhitespace();
        var separator = Peek;
        var fieldPath = objectPath?.Concat(key);
        HoconValue value;
        switch (separator.Kind)
        {
            case TokenKind.OpenBrace:
                value = ParseValue(fieldPath, key);
                break;
            case TokenKind.Colon or TokenKind.Equals:
                Next();
                SkipWhitespaceAndNewlines();
                value = ParseValue(fieldPath, key);
                break;
            case TokenKind.PlusEquals:
                Next();
                SkipWhitespaceAndNewlines();
                value = AppendToPrevious(ParseValue(fieldPath, key), fieldPath, separator);
                break;
            default:
                throw new ConfigException(separator.Origin, $"expected ':', '=', '+=' or '{{' after key '{key}' but found {separator.Describe()}");
        }

        for (var i = key.Count - 1; i > 0; i--)
        {
            value = new HoconObject([new(key[i], value)], keyToken.Origin);
        }

        builder.Set(key[0], value);
        return $"the value of '{key}'";
    }

    /// <summary>Rewrites <c>key += value</c> as <c>key = ${?key} [value]</c>, as the spec defines it.</summary>
    private HoconValue AppendToPrevious(HoconValue value, ConfigPath? fieldPath, Token separator)
    {
        if (fieldPath is null)
        {
            throw new ConfigException(separator.Origin, "'+=' is not supported in objects inside a list");
        }

        var previous = new HoconSubstitution(_prefix.Concat(fieldPath), fieldPath, fieldPath.ToString(), optional: true, separator.Origin)
        {
            UsesEnvironment = false,
        };
        return new HoconConcatenation([previous, new HoconArray([value], value.Origin)], separator.Origin);
    }

    private HoconValue ParseValue(ConfigPath? fieldPath, ConfigPath? key)
    {
        var start = Peek;
        var pieces = new List<ValuePiece>();
        while (true)
        {
            var token = Peek;
            switch (token.Kind)
            {
                case TokenKind.Whitespace:
                    Next();
                    if (pieces.Count > 0)
                    {
                        pieces.Add(new ValuePiece(HoconScalar.Whitespace(token.Text, token.Origin), token.Origin));
                    }

                    continue;
                case TokenKind.Unquoted or TokenKind.Quoted:
                    Next();
                    pieces.Add(new ValuePiece(HoconScalar.String(token.Text, token.Origin), token.Origin, token.Kind == TokenKind.Unquoted));
                    continue;
                case TokenKind.Substitution:
                    Next();
                    pieces.Add(new ValuePiece(
                        new HoconSubstitution(_prefix.Concat(token.Path!), token.Path!, token.Text, token.Optional, token.Origin), token.Origin));
                    continue;
                case TokenKind.OpenBrace:
                    pieces.Add(new ValuePiece(ParseBracedObject(fieldPath), token.Origin));
                    continue;
                case TokenKind.OpenBracket:
                    pieces.Add(new ValuePiece(ParseArray(), token.Origin));
                    continue;
            }

            break;
        }

        while (pieces.Count > 0 && pieces[^1].Value is HoconScalar { IsSeparator: true })
        {
            pieces.RemoveAt(pieces.Count - 1);
        }

        if (pieces.Count == 0)
        {
            var what = key is null ? "a list element" : $"a value for key '{key}'";
            throw new ConfigException(start.Origin, $"expected {what} but found {start.Describe()}");
        }

        return ConcatenationBuilder.Build(pieces);
    }

    private HoconArray ParseArray()
    {
        var open = Next();
        EnterNesting(open);
        var items = new List<HoconValue>();
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Peek;
            if (token.Kind == TokenKind.CloseBracket)
            {
                Next();
                _nesting--;
                return new HoconArray(items, open.Origin);
            }

            if (token.Kind == TokenKind.End)
            {
                throw new ConfigException(open.Origin, "unbalanced brackets: this '[' is never closed");
            }

            if (token.Kind == TokenKind.Comma)
            {
                throw new ConfigException(token.Origin, "unexpected ',': expected a list element (commas may not start a list or follow another comma)");
            }

            items.Add(ParseValue(fieldPath: null, key: null));
            if (SkipSeparator() || Peek.Kind == TokenKind.CloseBracket)
            {
                continue;
            }

            if (Peek.Kind == TokenKind.End)
            {
                throw new ConfigException(open.Origin, "unbalanced brackets: this '[' is never closed");
            }

            throw new ConfigException(Peek.Origin, $"expected ',', a newline or ']' after a list element but found {Peek.Describe()}");
        }
    }

    private void SkipWhitespace()
    {
        while (Peek.Kind == TokenKind.Whitespace)
        {
            _position++;
        }
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (Peek.Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            _position++;
        }
    }
}
