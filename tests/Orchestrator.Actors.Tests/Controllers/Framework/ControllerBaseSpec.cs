using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Informers;
using Orchestrator.Actors.Tests.Simulation;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Tests.Controllers.Framework;

public sealed class ControllerBaseSpec : ScenarioSpec
{
    [Fact]
    public async Task Keys_of_listed_objects_are_synced_after_the_informer_synced()
    {
        await Created(TestPods.Pending("a"));
        Sys.ActorOf(Runtime.Props.Create(() => new RecordingController(Store, ControllerSettings, TestActor, 0)));

        Assert.Equal("default/a", ExpectMsg<string>(RequestTimeout));
        await Created(TestPods.Pending("b"));
        Assert.Equal("default/b", FishForMessage<string>(k => k == "default/b", RequestTimeout));
    }

    [Fact]
    public async Task A_failing_sync_is_retried_until_it_succeeds()
    {
        await Created(TestPods.Pending("a"));
        Sys.ActorOf(Runtime.Props.Create(() => new RecordingController(Store, ControllerSettings, TestActor, 2)));

        Assert.Equal("default/a", ExpectMsg<string>(RequestTimeout));
        Assert.Equal("default/a", ExpectMsg<string>(RequestTimeout));
        Assert.Equal("default/a", ExpectMsg<string>(RequestTimeout));
        Assert.Equal("succeeded default/a", ExpectMsg<string>(RequestTimeout));
    }

    /// <summary>Tells every key it syncs to a probe; the first <c>failures</c> syncs fail.</summary>
    private sealed class RecordingController : ControllerBase
    {
        private readonly IActorRef _probe;
        private int _failures;

        public RecordingController(IActorRef store, ControllerSettings settings, IActorRef probe, int failures)
            : base(store, settings)
        {
            _probe = probe;
            _failures = failures;
            Inform(InformerSpec.Pods);
        }

        protected override string Name => "recording";

        protected override void OnNotification(InformerNotification notification)
        {
            switch (notification)
            {
                case InformerSynced synced:
                    foreach (var key in synced.Cache.Keys) Enqueue(key);
                    break;
                case ObjectAdded added:
                    Enqueue(CacheKeys.Of(added.Object));
                    break;
            }
        }

        protected override async Task<SyncOutcome> Sync(string key)
        {
            // Actor state is read before the first await, as ControllerBase asks.
            _probe.Tell(key, ActorRefs.NoSender);
            var fail = _failures-- > 0;
            await Task.Yield();
            if (fail) return SyncOutcome.Failed("not yet");
            return new SyncOutcome(Then: () => _probe.Tell("succeeded " + key, ActorRefs.NoSender));
        }
    }
}
