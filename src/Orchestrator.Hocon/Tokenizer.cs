using System.Text;

namespace Orchestrator.Hocon;

/// <summary>Turns HOCON text into tokens, keeping whitespace and newlines because both are significant.</summary>
internal sealed class Tokenizer
{
    private readonly string _text;
    private readonly string _sourceName;
    private readonly List<Token> _tokens = [];
    private int _index;
    private int _line = 1;
    private int _column = 1;

    private Tokenizer(string text, string sourceName)
    {
        _text = text;
        _sourceName = sourceName;
    }

    public static IReadOnlyList<Token> Tokenize(string text, string sourceName) => new Tokenizer(text, sourceName).Run();

    private ConfigOrigin Here => new(_sourceName, _line, _column);

    private char Current => _text[_index];

    private bool AtEnd => _index >= _text.Length;

    private List<Token> Run()
    {
        while (!AtEnd)
        {
            ReadToken();
        }

        _tokens.Add(new Token(TokenKind.End, string.Empty, Here));
        return _tokens;
    }

    private void ReadToken()
    {
        var origin = Here;
        var c = Current;
        if (c == '\n')
        {
            Advance();
            _tokens.Add(new Token(TokenKind.Newline, "\n", origin));
            return;
        }

        if (HoconChars.IsWhitespace(c))
        {
            var start = _index;
            while (!AtEnd && HoconChars.IsWhitespace(Current))
            {
                Advance();
            }

            _tokens.Add(new Token(TokenKind.Whitespace, _text[start.._index], origin));
            return;
        }

        if (c == '#' || (c == '/' && Peek(1) == '/'))
        {
            // The newline ending a comment stays: it still separates fields.
            while (!AtEnd && Current != '\n')
            {
                Advance();
            }

            return;
        }

        switch (c)
        {
            case '{': Punctuation(TokenKind.OpenBrace, origin); return;
            case '}': Punctuation(TokenKind.CloseBrace, origin); return;
            case '[': Punctuation(TokenKind.OpenBracket, origin); return;
            case ']': Punctuation(TokenKind.CloseBracket, origin); return;
            case ',': Punctuation(TokenKind.Comma, origin); return;
            case ':': Punctuation(TokenKind.Colon, origin); return;
            case '=': Punctuation(TokenKind.Equals, origin); return;
            case '+':
                if (Peek(1) != '=')
                {
                    throw new ConfigException(origin, "'+' is only allowed as part of '+='; quote the string to use it");
                }

                Advance();
                Advance();
                _tokens.Add(new Token(TokenKind.PlusEquals, "+=", origin));
                return;
            case '"':
                if (Peek(1) == '"' && Peek(2) == '"')
                {
                    ReadTripleQuoted(origin);
                }
                else
                {
                    ReadQuoted(origin);
                }

                return;
            case '$':
                if (Peek(1) != '{')
                {
                    throw new ConfigException(origin, "'$' must start a substitution '${...}'; quote the string to use it");
                }

                ReadSubstitution(origin);
                return;
        }

        if (HoconChars.IsForbiddenInUnquoted(c))
        {
            throw new ConfigException(origin, $"reserved character '{c}' is not allowed in unquoted text; quote the string to use it");
        }

        ReadUnquoted(origin);
    }

    private void Punctuation(TokenKind kind, ConfigOrigin origin)
    {
        _tokens.Add(new Token(kind, Current.ToString(), origin));
        Advance();
    }

    private void ReadUnquoted(ConfigOrigin origin)
    {
        var start = _index;
        if (char.IsAsciiDigit(Current) || Current == '-')
        {
            // A leading number may hold an exponent sign ("1e+5"), which is otherwise a reserved character.
            ReadNumberPrefix();
        }

        while (!AtEnd)
        {
            var c = Current;
            if (c == '\n' || HoconChars.IsWhitespace(c) || HoconChars.IsForbiddenInUnquoted(c) || (c == '/' && Peek(1) == '/'))
            {
                break;
            }

            Advance();
        }

        _tokens.Add(new Token(TokenKind.Unquoted, _text[start.._index], origin));
    }

    private void ReadNumberPrefix()
    {
        if (Current == '-')
        {
            Advance();
        }

        while (!AtEnd && (char.IsAsciiDigit(Current) || Current == '.'))
        {
            Advance();
        }

        if (!AtEnd && Current is 'e' or 'E' && (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2)))))
        {
            Advance();
            Advance();
            while (!AtEnd && char.IsAsciiDigit(Current))
            {
                Advance();
            }
        }
    }

    private void ReadQuoted(ConfigOrigin origin)
    {
        Advance();
        var builder = new StringBuilder();
        while (true)
        {
            if (AtEnd || Current == '\n')
            {
                throw new ConfigException(origin, "unterminated quoted string (a quoted string must end on the line it starts; use \"\"\" for multi-line text)");
            }

            var c = Current;
            if (c == '"')
            {
                Advance();
                break;
            }

            if (c == '\\')
            {
                var escapeOrigin = Here;
                var decoded = QuotedString.DecodeEscape(_text, _index, out var length)
                    ?? throw new ConfigException(escapeOrigin, $"invalid escape sequence '{_text.Substring(_index, Math.Min(2, _text.Length - _index))}' in quoted string");
                builder.Append(decoded);
                for (var i = 0; i < length; i++)
                {
                    Advance();
                }

                continue;
            }

            builder.Append(c);
            Advance();
        }

        _tokens.Add(new Token(TokenKind.Quoted, builder.ToString(), origin));
    }

    private void ReadTripleQuoted(ConfigOrigin origin)
    {
        Advance();
        Advance();
        Advance();
        var start = _index;
        var close = _text.IndexOf("\"\"\"", _index, StringComparison.Ordinal);
        if (close < 0)
        {
            throw new ConfigException(origin, "unterminated triple-quoted string");
        }

        // Quotes directly before the closing """ belong to the content ("""a"""" is a").
        while (close + 3 < _text.Length && _text[close + 3] == '"')
        {
            close++;
        }

        while (_index < close + 3)
        {
            Advance();
        }

        _tokens.Add(new Token(TokenKind.Quoted, _text[start..close], origin));
    }

    private void ReadSubstitution(ConfigOrigin origin)
    {
        Advance();
        Advance();
        var optional = false;
        if (!AtEnd && Current == '?')
        {
            optional = true;
            Advance();
        }

        var start = _index;
        while (true)
        {
            if (AtEnd || Current == '\n')
            {
                throw new ConfigException(origin, "unterminated substitution: missing '}'");
            }

            if (Current == '}')
            {
                break;
            }

            if (Current == '"')
            {
                var end = QuotedString.FindEnd(_text, _index);
                if (end < 0 || _text.IndexOf('\n', _index, end - _index) >= 0)
                {
                    throw new ConfigException(Here, "unterminated quoted string in substitution");
                }

                while (_index <= end)
                {
                    Advance();
                }

                continue;
            }

            Advance();
        }

        var expression = _text[start.._index];
        Advance();
        var path = ConfigPath.Parse(expression, origin);
        _tokens.Add(new Token(TokenKind.Substitution, expression.Trim(), origin) { Path = path, Optional = optional });
    }

    private char Peek(int offset) => _index + offset < _text.Length ? _text[_index + offset] : '\0';

    private void Advance()
    {
        if (_text[_index] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _index++;
    }
}
