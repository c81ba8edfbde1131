using System.Collections.Concurrent;
using System.Diagnostics;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Runtime;

namespace Orchestrator.Benchmarks;

/// <summary>Asks a <see cref="PodWatchRecorder"/> to open its watch of pods on <paramref name="Store"/> from <paramref name="ResourceVersion"/>.</summary>
internal sealed record StartPodWatch(IActorRef Store, string ResourceVersion);

/// <summary>
/// Watches pods from a resourceVersion and records, per pod name that <c>select</c> picks out of a watch event (null:
/// not one to record), when it was first seen; completes <c>done</c> when <c>expected</c> names are recorded. It
/// answers <see cref="StartPodWatch"/> with the store's <see cref="WatchStarted"/>.
/// </summary>
internal sealed class PodWatchRecorder : ReceiveActor
{
    private IActorRef? _replyTo;

    public PodWatchRecorder(Func<WatchEvent, string?> select, ConcurrentDictionary<string, long> seen, int expected, TaskCompletionSource done)
    {
        Receive<StartPodWatch>(s =>
        {
            _replyTo = Sender;
            s.Store.Tell(new WatchObjects("", "Pod", ResourceVersion: s.ResourceVersion, AllowBookmarks: false), Self);
        });
        Receive<WatchStarted>(s => _replyTo?.Tell(s, Self));
        Receive<WatchEvent>(e =>
        {
            if (select(e) is not { } name) return;
            if (seen.TryAdd(name, Stopwatch.GetTimestamp()) && seen.Count == expected) done.TrySetResult();
        });
    }
}
