namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// Callbacks waiting for one moment (this member Up, this member removed): those registered before it run when
/// it comes, those registered after run at once. Each runs exactly once; a failing one is logged by the caller's handler.
/// </summary>
internal sealed class OneTimeCallbacks(Action<Action> run)
{
    private readonly object _lock = new();
    private readonly List<Action> _waiting = [];
    private bool _fired;

    public void Register(Action callback)
    {
        lock (_lock)
        {
            if (!_fired)
            {
                _waiting.Add(callback);
                return;
            }
        }
        run(callback);
    }

    /// <summary>The moment came: runs every waiting callback (only the first call does anything).</summary>
    public void Fire()
    {
        Action[] callbacks;
        lock (_lock)
        {
            if (_fired) return;
            _fired = true;
            callbacks = [.. _waiting];
            _waiting.Clear();
        }
        foreach (var c in callbacks) run(c);
    }
}
