namespace Orchestrator.Actors.Scheduling.Framework;

/// <summary>The outcome of a plugin step.</summary>
public enum StatusCode
{
    /// <summary>The node fits (or the step passed).</summary>
    Success,

    /// <summary>The node does not fit now; preempting pods could change that.</summary>
    Unschedulable,

    /// <summary>The node does not fit and removing pods would not help (labels, taints, affinity).</summary>
    UnschedulableAndUnresolvable,

    /// <summary>PreFilter/PreScore only: the plugin has nothing to check for this pod; its Filter/Score is not run.</summary>
    Skip,
}

/// <summary>
/// A plugin's verdict with the reasons a user reads in FailedScheduling ("Insufficient cpu").
/// A struct so a passing filter allocates nothing.
/// </summary>
public readonly struct Status
{
    private readonly string? _reason;
    private readonly string[]? _reasons;

    private Status(StatusCode code, string? reason, string[]? reasons)
    {
        Code = code;
        _reason = reason;
        _reasons = reasons;
    }

    /// <summary>The outcome.</summary>
    public StatusCode Code { get; }

    /// <summary>True for <see cref="StatusCode.Success"/>.</summary>
    public bool IsSuccess => Code == StatusCode.Success;

    /// <summary>True for either unschedulable code.</summary>
    public bool IsRejection => Code is StatusCode.Unschedulable or StatusCode.UnschedulableAndUnresolvable;

    /// <summary>Success.</summary>
    public static Status Success => default;

    /// <summary>Skip (PreFilter/PreScore).</summary>
    public static Status Skip => new(StatusCode.Skip, null, null);

    /// <summary>Unschedulable for one reason.</summary>
    public static Status Unschedulable(string reason) => new(StatusCode.Unschedulable, reason, null);

    /// <summary>Unschedulable for several reasons.</summary>
    public static Status Unschedulable(string[] reasons) => new(StatusCode.Unschedulable, null, reasons);

    /// <summary>Unschedulable and unresolvable for one reason.</summary>
    public static Status Unresolvable(string reason) => new(StatusCode.UnschedulableAndUnresolvable, reason, null);

    /// <summary>The number of reasons.</summary>
    public int ReasonCount => _reasons?.Length ?? (_reason is null ? 0 : 1);

    /// <summary>Reason <paramref name="index"/>.</summary>
    public string Reason(int index) => _reasons is not null ? _reasons[index] : index == 0 && _reason is not null ? _reason : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>All reasons (allocates; for tests and messages).</summary>
    public IReadOnlyList<string> Reasons => _reasons ?? (_reason is null ? [] : [_reason]);

    /// <inheritdoc />
    public override string ToString() => Code + (ReasonCount == 0 ? "" : ": " + string.Join(", ", Reasons));
}
