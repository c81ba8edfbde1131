using Microsoft.Extensions.Logging;

namespace Orchestrator.Runtime.Persistence;

/// <summary>
/// Base of the actors in front of a storage: requests wait (stashed) until the storage's schema is
/// initialized. When the database cannot be reached, every request is answered with a failure naming
/// the cause (so entities stop with a clear error instead of hanging) and initialization is retried.
/// </summary>
internal abstract class StorageFrontActor : ActorBase, IWithStash, IWithTimers
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);
    private Exception? _unavailable;
    private bool _ready;

    private sealed record Initialized;
    private sealed record InitializationFailed(Exception Cause);
    private sealed record RetryInitialization;

    public IStash Stash { get; set; } = null!;
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>What the storage is called in log messages.</summary>
    protected abstract string StorageName { get; }

    /// <summary>Creates the storage's schema when missing.</summary>
    protected abstract Task InitializeStorage();

    /// <summary>Handles a request once the storage is ready.</summary>
    protected abstract bool HandleRequest(object message);

    /// <summary>Answers a request with a failure because the storage is unavailable; false when the message is not a request.</summary>
    protected abstract bool FailRequest(object message, Exception cause);

    protected override void PreStart() => Initialize();

    private void Initialize() =>
        InitializeStorage().PipeTo(Self, Self, () => new Initialized(), cause => new InitializationFailed(cause));

    protected sealed override bool Receive(object message)
    {
        switch (message)
        {
            case Initialized:
                _ready = true;
                _unavailable = null;
                Stash.UnstashAll();
                return true;
            case InitializationFailed failed:
                _unavailable = new InvalidOperationException($"The {StorageName} is unavailable: {failed.Cause.Message}", failed.Cause);
                Log.LogError(failed.Cause, "The {Storage} could not be initialized; retrying every {Interval}", StorageName, RetryInterval);
                Timers.StartSingleTimer("retry", new RetryInitialization(), RetryInterval);
                Stash.UnstashAll();
                return true;
            case RetryInitialization:
                Initialize();
                return true;
        }
        if (_ready) return HandleRequest(message);
        if (_unavailable is not null) return FailRequest(message, _unavailable);
        Stash.Stash();
        return true;
    }
}
