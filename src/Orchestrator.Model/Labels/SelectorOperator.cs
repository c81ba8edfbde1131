namespace Orchestrator.Model.Labels;

/// <summary>Operators of the label selector language.</summary>
public enum SelectorOperator
{
    /// <summary><c>key=value</c>: the label is present with that value.</summary>
    Equals,

    /// <summary><c>key==value</c>: same as <see cref="Equals"/>.</summary>
    DoubleEquals,

    /// <summary><c>key!=value</c>: the label is absent or has another value.</summary>
    NotEquals,

    /// <summary><c>key in (a,b)</c>: the label is present with one of the values.</summary>
    In,

    /// <summary><c>key notin (a,b)</c>: the label is absent or has none of the values.</summary>
    NotIn,

    /// <summary><c>key</c>: the label is present.</summary>
    Exists,

    /// <summary><c>!key</c>: the label is absent.</summary>
    DoesNotExist,

    /// <summary><c>key&gt;n</c>: the label is an integer greater than n.</summary>
    GreaterThan,

    /// <summary><c>key&lt;n</c>: the label is an integer less than n.</summary>
    LessThan,
}
