using System.Diagnostics;
using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

/// <summary>The stress spec runs alone, so its load does not slow down the timing-sensitive specs.</summary>
[CollectionDefinition(nameof(StressCollection), DisableParallelization = true)]
public sealed class StressCollection;

[Collection(nameof(StressCollection))]
public sealed class ConcurrencyStressSpec : TestKit.TestKit
{
    private const int Actors = 2_000, Senders = 8, PerSender = 50;
    private const int PerActor = Senders * PerSender;

    private readonly ITestOutputHelper _output;

    public ConcurrencyStressSpec(ITestOutputHelper output) : base(output: output) => _output = output;

    private sealed record Numbered(int Sender, int Seq);

    private sealed record Counts(int Received, int OutOfOrder, int ConcurrentEntries, int LastOfEverySender);

    private sealed record Report(string Actor, Counts Counts);

    /// <summary>
    /// Checks that it is never entered by two threads at once and that each sender's numbers arrive
    /// in order without gaps or repeats; reports when it has received everything, and on "report".
    /// Its counters are plain fields on purpose: lost updates would show up in the totals.
    /// </summary>
    private sealed class SequenceChecker(IActorRef reportTo) : UntypedActor
    {
        private readonly int[] _last = new int[Senders];
        private int _inside;
        private int _received;
        private int _outOfOrder;
        private int _concurrent;

        protected override void OnReceive(object message)
        {
            if (Interlocked.Increment(ref _inside) != 1) Interlocked.Increment(ref _concurrent);
            try
            {
                switch (message)
                {
                    case Numbered n:
                        if (n.Seq != _last[n.Sender] + 1) _outOfOrder++;
                        _last[n.Sender] = n.Seq;
                        if (++_received == PerActor) reportTo.Tell(Snapshot(), Self);
                        break;
                    case "report":
                        Sender.Tell(Snapshot(), Self);
                        break;
                    default:
                        Unhandled(message);
                        break;
                }
            }
            finally
            {
                Interlocked.Decrement(ref _inside);
            }
        }

        private Report Snapshot() =>
            new(Self.Path.Name, new Counts(_received, _outOfOrder, Volatile.Read(ref _concurrent), _last.All(l => l == PerSender) ? PerSender : -1));
    }

    [Fact]
    public async Task Thousands_of_actors_receiving_from_eight_threads_lose_duplicate_and_reorder_nothing_and_are_never_entered_concurrently()
    {
        var watch = Stopwatch.StartNew();
        var props = Props.Create(() => new SequenceChecker(TestActor));
        var actors = Enumerable.Range(0, Actors).Select(i => Sys.ActorOf(props, "checker-" + i)).ToArray();
        using var start = new Barrier(Senders);

        var threads = Enumerable.Range(0, Senders).Select(sender => new Thread(() =>
        {
            start.SignalAndWait();
            for (var seq = 1; seq <= PerSender; seq++)
                foreach (var actor in actors) actor.Tell(new Numbered(sender, seq), null);
        }) { IsBackground = true, Name = "stress-sender-" + sender }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        _output.WriteLine($"{Actors * PerActor:N0} messages sent in {watch.ElapsedMilliseconds} ms");

        var expected = new Counts(PerActor, 0, 0, PerSender);
        var completions = ReceiveN(Actors, TimeSpan.FromSeconds(20)).As<Report>();
        Assert.All(completions, r => Assert.Equal(expected, r.Counts));
        Assert.Equal(actors.Select(a => a.Path.Name).Order(), completions.Select(r => r.Actor).Order());

        // A final look at every actor: nothing arrived after its last expected message.
        var finals = await Task.WhenAll(actors.Select(a => a.Ask<Report>("report", Dilated(TimeSpan.FromSeconds(20)))));
        Assert.All(finals, r => Assert.Equal(expected, r.Counts));
        Assert.Equal((long)Actors * PerActor, finals.Sum(r => (long)r.Counts.Received));
        _output.WriteLine($"verified in {watch.ElapsedMilliseconds} ms");
        Assert.Empty(DeadLetters);
        Assert.Empty(UnhandledMessages);
    }
}
