using Microsoft.Extensions.Logging;
using Orchestrator.Runtime.Sharding;
using Orchestrator.Runtime.Tests.Persistence;
using static Orchestrator.Runtime.Tests.Sharding.TestEntities;

namespace Orchestrator.Runtime.Tests.Sharding;

/// <summary>
/// Persistent entities keep being written while their shards move between regions that come and go. The
/// SQLite journal's unique key on (persistence id, sequence number) would fail any write made by a second
/// live instance of an entity: no write may fail, and every acknowledged event must be in the journal.
/// </summary>
public sealed class SingleWriterSpec : ShardingSpecBase
{
    public SingleWriterSpec() : base(PersistenceBackends.Sqlite()) => _recoveries = CreateTestProbe();

    private static readonly string[] Ids = Enumerable.Range(0, 20).Select(i => "c" + i).ToArray();

    private readonly TestKit.TestProbe _recoveries;

    private IActorRef StartCounterRegion(string name)
    {
        var recoveries = _recoveries.Ref;
        return StartRegion(name, id => Props.Create(() => new Counter(id, recoveries)));
    }

    [Fact]
    public async Task Shards_moving_under_load_never_give_an_entity_two_writers_and_lose_no_acknowledged_event()
    {
        StartCoordinator();
        var first = StartCounterRegion("region-1");
        var proxy = StartProxy("proxy");
        var acked = Ids.ToDictionary(id => id, _ => new List<Appended>());
        var next = 0;

        void Wave(int rounds)
        {
            var probe = CreateTestProbe();
            for (var r = 0; r < rounds; r++, next++)
                foreach (var id in Ids) proxy.Tell(new ShardEnvelope(id, new Append(next)), probe.Ref);
            foreach (var a in probe.ReceiveN(rounds * Ids.Length, TimeSpan.FromSeconds(60)).Cast<Appended>()) acked[a.EntityId].Add(a);
        }

        Wave(5);
        var second = StartCounterRegion("region-2");
        Wave(20);
        var third = StartCounterRegion("region-3");
        Wave(20);
        Watch(first);
        first.Tell(GracefulShutdown.Instance);
        Wave(20);
        ExpectTerminated(first, TimeSpan.FromSeconds(30));
        Watch(second);
        second.Tell(GracefulShutdown.Instance);
        Wave(20);
        ExpectTerminated(second, TimeSpan.FromSeconds(30));
        Wave(5);

        Assert.DoesNotContain(LogEvents, e => e.Level >= LogLevel.Error);

        foreach (var id in Ids)
        {
            // Each acknowledgement carries the next sequence number: one writer at a time, no gap, no fork.
            Assert.Equal(Enumerable.Range(1, next).Select(n => (long)n).ToList(), acked[id].Select(a => a.SequenceNr).ToList());
            Assert.Equal(Enumerable.Range(0, next).ToList(), acked[id].Select(a => a.Value).ToList());
            var values = await third.Ask<Values>(new ShardEnvelope(id, new GetValues()), Dilated(TimeSpan.FromSeconds(10)));
            Assert.Equal(Enumerable.Range(0, next).ToList(), values.Items);
        }
        // The shards did move: each entity began in region-1, which left, so it recovered elsewhere at least once.
        // (Recoveries are reported before an entity answers anything, so all of them are in the probe by now.)
        var recoveries = new List<Started>();
        while (_recoveries.HasMessages) recoveries.Add((Started)_recoveries.ReceiveOne());
        Assert.All(Ids, id => Assert.True(recoveries.Count(r => r.EntityId == id) >= 2, $"{id} never moved"));
    }
}
