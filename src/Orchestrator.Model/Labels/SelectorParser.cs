namespace Orchestrator.Model.Labels;

/// <summary>
/// Recursive-descent parser for the label selector language:
/// <c>selector := requirement (',' requirement)*</c>;
/// <c>requirement := '!' key | key | key ('='|'=='|'!=') value | key ('in'|'notin') '(' values ')' | key ('&gt;'|'&lt;') integer</c>.
/// Every error names the character position.
/// </summary>
internal sealed class SelectorParser
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _next;

    private SelectorParser(string text)
    {
        _text = text;
        _tokens = Tokenize(text);
    }

    private enum TokenKind
    {
        End,
        Identifier,
        Comma,
        OpenParen,
        CloseParen,
        Bang,
        NotEquals,
        Equals,
        DoubleEquals,
        In,
        NotIn,
        GreaterThan,
        LessThan,
    }

    public static List<Requirement> Parse(string text)
    {
        var parser = new SelectorParser(text);
        var requirements = new List<Requirement>();
        if (parser.Peek().Kind == TokenKind.End)
        {
            return requirements;
        }

        while (true)
        {
            requirements.Add(parser.ParseRequirement());
            var token = parser.Take();
            switch (token.Kind)
            {
                case TokenKind.End:
                    return requirements;
                case TokenKind.Comma:
                    if (parser.Peek().Kind == TokenKind.End)
                    {
                        throw parser.Error(parser.Peek(), "expected: identifier after ','");
                    }

                    continue;
                default:
                    throw parser.Error(token, "expected: ',' or 'end of string'");
            }
        }
    }

    private Requirement ParseRequirement()
    {
        var first = Take();
        var op = SelectorOperator.Exists;
        if (first.Kind == TokenKind.Bang)
        {
            op = SelectorOperator.DoesNotExist;
            first = Take();
        }

        if (first.Kind != TokenKind.Identifier)
        {
            throw Error(first, "expected: identifier");
        }

        var key = first.Text;
        var values = new List<string>();
        var valuesAt = first;
        if (op == SelectorOperator.Exists)
        {
            var opToken = Peek();
            switch (opToken.Kind)
            {
                case TokenKind.End or TokenKind.Comma:
                    break;
                case TokenKind.Equals or TokenKind.DoubleEquals or TokenKind.NotEquals or TokenKind.GreaterThan or TokenKind.LessThan:
                    Take();
                    op = opToken.Kind switch
                    {
                        TokenKind.Equals => SelectorOperator.Equals,
                        TokenKind.DoubleEquals => SelectorOperator.DoubleEquals,
                        TokenKind.NotEquals => SelectorOperator.NotEquals,
                        TokenKind.GreaterThan => SelectorOperator.GreaterThan,
                        _ => SelectorOperator.LessThan,
                    };
                    valuesAt = Peek();
                    values.Add(ParseExactValue());
                    break;
                case TokenKind.In or TokenKind.NotIn:
                    Take();
                    op = opToken.Kind == TokenKind.In ? SelectorOperator.In : SelectorOperator.NotIn;
                    valuesAt = Peek();
                    values.AddRange(ParseValueSet());
                    break;
                default:
                    throw Error(opToken, "expected: '=', '!=', '==', 'in', 'notin', '>', '<', ',' or 'end of string'");
            }
        }

        var problems = Requirement.Problems(key, op, values, out _);
        if (problems.Count > 0)
        {
            var at = problems[0].StartsWith("key:", StringComparison.Ordinal) ? first : valuesAt;
            throw new SelectorParseException(_text, at.Position, problems[0]);
        }

        return Requirement.Create(key, op, values);
    }

    private string ParseExactValue()
    {
        var token = Peek();
        if (token.Kind is TokenKind.End or TokenKind.Comma)
        {
            return string.Empty;
        }

        Take();
        return token.Kind == TokenKind.Identifier ? token.Text : throw Error(token, "expected: identifier");
    }

    private List<string> ParseValueSet()
    {
        var open = Take();
        if (open.Kind != TokenKind.OpenParen)
        {
            throw Error(open, "expected: '('");
        }

        var values = new List<string>();
        if (Peek().Kind == TokenKind.CloseParen)
        {
            // As in Kubernetes, "()" is the set holding only the empty value.
            Take();
            values.Add(string.Empty);
            return values;
        }

        while (true)
        {
            var token = Take();
            switch (token.Kind)
            {
                case TokenKind.Identifier:
                    values.Add(token.Text);
                    var after = Take();
                    if (after.Kind == TokenKind.CloseParen)
                    {
                        return values;
                    }

                    if (after.Kind != TokenKind.Comma)
                    {
                        throw Error(after, "expected: ',' or ')'");
                    }

                    if (Peek().Kind == TokenKind.CloseParen)
                    {
                        Take();
                        values.Add(string.Empty);
                        return values;
                    }

                    break;
                case TokenKind.Comma:
                    values.Add(string.Empty);
                    if (Peek().Kind == TokenKind.CloseParen)
                    {
                        Take();
                        values.Add(string.Empty);
                        return values;
                    }

                    break;
                default:
                    throw Error(token, "expected: identifier, ',' or ')'");
            }
        }
    }

    private Token Peek() => _tokens[_next];

    private Token Take()
    {
        var token = _tokens[_next];
        if (_next < _tokens.Count - 1)
        {
            _next++;
        }

        return token;
    }

    private SelectorParseException Error(Token token, string expectation)
    {
        var found = token.Kind == TokenKind.End ? "end of string" : $"'{token.Text}'";
        return new SelectorParseException(_text, token.Position, $"found {found}, {expectation}");
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            switch (c)
            {
                case ',': tokens.Add(new Token(TokenKind.Comma, ",", start)); i++; continue;
                case '(': tokens.Add(new Token(TokenKind.OpenParen, "(", start)); i++; continue;
                case ')': tokens.Add(new Token(TokenKind.CloseParen, ")", start)); i++; continue;
                case '>': tokens.Add(new Token(TokenKind.GreaterThan, ">", start)); i++; continue;
                case '<': tokens.Add(new Token(TokenKind.LessThan, "<", start)); i++; continue;
                case '!' when i + 1 < text.Length && text[i + 1] == '=':
                    tokens.Add(new Token(TokenKind.NotEquals, "!=", start));
                    i += 2;
                    continue;
                case '!': tokens.Add(new Token(TokenKind.Bang, "!", start)); i++; continue;
                case '=' when i + 1 < text.Length && text[i + 1] == '=':
                    tokens.Add(new Token(TokenKind.DoubleEquals, "==", start));
                    i += 2;
                    continue;
                case '=': tokens.Add(new Token(TokenKind.Equals, "=", start)); i++; continue;
            }

            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not (',' or '(' or ')' or '>' or '<' or '!' or '='))
            {
                i++;
            }

            var word = text[start..i];
            var kind = word switch
            {
                "in" => TokenKind.In,
                "notin" => TokenKind.NotIn,
                _ => TokenKind.Identifier,
            };
            tokens.Add(new Token(kind, word, start));
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, text.Length));
        return tokens;
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Position);
}
