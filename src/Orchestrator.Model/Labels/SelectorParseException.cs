namespace Orchestrator.Model.Labels;

/// <summary>A selector string that does not parse; says where.</summary>
public sealed class SelectorParseException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public SelectorParseException(string selector, int position, string problem)
        : base($"unable to parse requirement: {problem} (at position {position} of \"{selector}\")")
    {
        Selector = selector;
        Position = position;
        Problem = problem;
    }

    /// <summary>The selector text.</summary>
    public string Selector { get; }

    /// <summary>Zero-based character position of the problem.</summary>
    public int Position { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }
}
