namespace Orchestrator.Hocon;

/// <summary>The lexical categories the tokenizer produces.</summary>
internal enum TokenKind
{
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    Newline,
    Whitespace,
    Unquoted,
    Quoted,
    Substitution,
    End,
}

/// <summary>One lexical unit with its text and the position where it starts.</summary>
/// <remarks>
/// For <see cref="TokenKind.Substitution"/> the text is the path expression as written and
/// <see cref="Path"/> holds the parsed path; <see cref="Optional"/> marks <c>${?...}</c>.
/// </remarks>
internal sealed record Token(TokenKind Kind, string Text, ConfigOrigin Origin)
{
    public ConfigPath? Path { get; init; }

    public bool Optional { get; init; }

    public bool IsSimpleValue => Kind is TokenKind.Unquoted or TokenKind.Quoted or TokenKind.Substitution;

    public string Describe() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.Newline => "newline",
        TokenKind.Quoted => $"quoted string \"{Text}\"",
        TokenKind.Substitution => $"substitution ${{{Text}}}",
        _ => $"'{Text}'",
    };
}
