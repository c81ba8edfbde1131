using Orchestrator.Actors.Controllers.Deployments;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Actors.Tests.Controllers.Deployments;

public sealed class RolloutMathSpec
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("25%", "25%", 10, 3, 2)] // surge rounds up, unavailable down
    [InlineData("25%", "25%", 4, 1, 1)]
    [InlineData("30%", "30%", 3, 1, 0)]
    [InlineData("0", "0", 5, 0, 1)] // both zero: one may be unavailable so the rollout can move
    [InlineData("0%", "0%", 5, 0, 1)]
    [InlineData("2", "1", 6, 2, 1)]
    [InlineData("100%", "0", 3, 3, 0)]
    [InlineData("1%", "99%", 1, 1, 0)]
    public void Fenceposts_resolve_ints_and_percentages_as_Kubernetes_rounds_them(string surge, string unavailable, int replicas, int expectedSurge, int expectedUnavailable)
    {
        var (s, u) = RolloutMath.Fenceposts(Parse(surge), Parse(unavailable), replicas);

        Assert.Equal((expectedSurge, expectedUnavailable), (s, u));
    }

    [Theory]
    [InlineData(10, 3, 10, 0, 3)] // room for the whole surge
    [InlineData(10, 3, 13, 3, 3)] // at the ceiling: no change
    [InlineData(10, 3, 12, 2, 3)]
    [InlineData(10, 3, 11, 9, 10)] // never past replicas
    [InlineData(10, 3, 20, 12, 10)] // scaled down to replicas
    public void The_new_ReplicaSet_grows_within_the_surge(int replicas, int surge, int allPods, int newSpec, int expected) =>
        Assert.Equal(expected, RolloutMath.NewReplicas(replicas, surge, allPods, newSpec));

    [Fact]
    public void Old_ReplicaSets_shrink_only_down_to_the_minimum_available()
    {
        // 10 replicas, maxUnavailable 2: 8 must stay available. Old has 10 available, new has 3 not yet ready.
        var old = new[] { new ReplicaSetCount("old", 10, 10, 10, 10, T0) };

        var targets = RolloutMath.ScaleDownOld(old, replicas: 10, unavailable: 2, allPods: 13, newSpec: 3, newAvailable: 0);

        Assert.Equal(8, targets["old"]);
    }

    [Fact]
    public void Unavailable_old_pods_go_first_and_oldest_ReplicaSets_before_newer_ones()
    {
        var oldest = new ReplicaSetCount("oldest", 4, 4, 1, 1, T0);
        var middle = new ReplicaSetCount("middle", 4, 4, 4, 4, T0.AddMinutes(1));

        var targets = RolloutMath.ScaleDownOld([middle, oldest], replicas: 8, unavailable: 2, allPods: 10, newSpec: 2, newAvailable: 2);

        // min available 6; available 1 + 4 + 2 = 7. The 3 unavailable in "oldest" cost nothing; then one available pod may go.
        Assert.Equal(0, targets["oldest"]);
        Assert.Equal(4, targets["middle"]);
    }

    [Fact]
    public void Nothing_is_scaled_down_while_new_pods_are_unavailable_and_the_minimum_is_reached()
    {
        var old = new[] { new ReplicaSetCount("old", 8, 8, 8, 8, T0) };

        var targets = RolloutMath.ScaleDownOld(old, replicas: 10, unavailable: 2, allPods: 13, newSpec: 5, newAvailable: 0);

        Assert.Equal(8, targets["old"]);
    }

    private static IntOrString Parse(string text) => int.TryParse(text, out var n) ? n : text;
}
