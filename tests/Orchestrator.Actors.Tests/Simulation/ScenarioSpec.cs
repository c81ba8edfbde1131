using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Tests.Store.Support;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Tests.Simulation;

/// <summary>
/// Base of controller and scenario specs: a store on the memory journal, controller settings with short
/// periods (overridable), and simulated nodes.
/// </summary>
public abstract class ScenarioSpec : StoreSpec
{
    /// <summary>Controller settings tests start from: quick retries and resyncs.</summary>
    public const string FastControllers = """
        orchestrator.controllers {
          informer.resync-interval = 2s
          retry.base-delay = 20ms
          retry.max-delay = 1s
        }
        """;

    /// <summary>A store and controller settings over <paramref name="extraConfig"/>.</summary>
    protected ScenarioSpec(string extraConfig = "")
        : base(StoreBackends.Memory, FastControllers + "\n" + extraConfig)
    {
        ControllerSettings = ControllerSettings.From(Sys.Config);
    }

    /// <summary>The controllers' settings.</summary>
    protected ControllerSettings ControllerSettings { get; }

    /// <summary>Time allowed for a scenario to converge.</summary>
    protected TimeSpan Converge => Dilated(TimeSpan.FromSeconds(30));

    /// <summary>Starts a simulated node and waits until it has registered and renewed its lease.</summary>
    protected IActorRef StartNode(string name, int index = 1, bool podsReady = true, TimeSpan? renewInterval = null)
    {
        var options = new SimulatedNodeOptions(name, index, RenewInterval: renewInterval ?? TimeSpan.FromMilliseconds(200), PodsReady: podsReady);
        var node = Sys.ActorOf(SimulatedNode.Props(Store, options, RequestTimeout), "node-" + name);
        AwaitAssert(() =>
        {
            var state = node.Ask<NodeState>(new GetNodeState(), RequestTimeout).GetAwaiter().GetResult();
            Assert.True(state.Registered && state.LeaseRenewals > 0, $"node {name} has not registered and renewed its lease yet");
        }, Converge, TimeSpan.FromMilliseconds(50));
        return node;
    }
}
