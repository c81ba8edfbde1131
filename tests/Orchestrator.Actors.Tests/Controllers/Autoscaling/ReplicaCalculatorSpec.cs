using Orchestrator.Actors.Controllers.Autoscaling;

namespace Orchestrator.Actors.Tests.Controllers.Autoscaling;

/// <summary>The cpu utilization replica calculation (pure).</summary>
public sealed class ReplicaCalculatorSpec
{
    private const double Tolerance = 0.1;

    private static PodSample[] Pods(params long?[] usages) =>
        usages.Select((u, i) => new PodSample($"p{i}", true, 1000, u)).ToArray();

    [Theory]
    [InlineData(new long[] { 900, 900 }, 50, 4)] // 90% of 50% → ceil(2 × 1.8)
    [InlineData(new long[] { 200, 200, 200, 200 }, 50, 2)] // 20% → ceil(4 × 0.4)
    [InlineData(new long[] { 540, 540 }, 50, 2)] // ratio 1.08, within tolerance
    [InlineData(new long[] { 460, 460 }, 50, 2)] // ratio 0.92, within tolerance
    [InlineData(new long[] { 560, 560 }, 50, 3)] // ratio 1.12 → ceil(2.24)
    [InlineData(new long[] { 0, 0, 0 }, 50, 0)] // idle pods propose 0; min/max applies afterwards
    public void Desired_is_the_ceiling_of_current_times_the_utilization_ratio_outside_the_tolerance(long[] usages, int target, int expected)
    {
        var proposal = ReplicaCalculator.ForCpu(usages.Length, Pods(usages.Select(u => (long?)u).ToArray()), target, Tolerance);

        Assert.Null(proposal.Error);
        Assert.Equal(expected, proposal.Replicas);
    }

    [Fact]
    public void The_utilization_is_reported_in_percent_of_the_requests()
    {
        var proposal = ReplicaCalculator.ForCpu(2, [new PodSample("a", true, 500, 400), new PodSample("b", true, 1500, 400)], 50, Tolerance);

        Assert.Equal(40, proposal.Utilization);
    }

    [Fact]
    public void Pods_without_samples_count_as_fully_used_when_scaling_down()
    {
        // Two idle pods would halve the count, but the unmeasured one might be busy: 0+0+100% of 3 requests = 33%.
        var proposal = ReplicaCalculator.ForCpu(3, Pods(0, 0, null), 50, Tolerance);

        Assert.Equal(2, proposal.Replicas);
    }

    [Fact]
    public void Pods_without_samples_count_as_idle_when_scaling_up_and_can_cancel_it()
    {
        // 60% on one pod of a 50% target, but the two unmeasured pods are assumed idle: 20% < 50% — no change.
        var proposal = ReplicaCalculator.ForCpu(3, Pods(600, null, null), 50, Tolerance);

        Assert.Equal(3, proposal.Replicas);
    }

    [Fact]
    public void Unready_pods_count_as_idle_when_scaling_up()
    {
        PodSample[] pods = [new("a", true, 1000, 1000), new("b", true, 1000, 1000), new("c", false, 1000, null)];

        var proposal = ReplicaCalculator.ForCpu(3, pods, 50, Tolerance);

        // (1000 + 1000 + 0) / 3000 = 66% → ratio 1.33 → ceil(3 × 1.33) = 4
        Assert.Equal(4, proposal.Replicas);
    }

    [Fact]
    public void Without_any_sample_there_is_no_proposal()
    {
        var proposal = ReplicaCalculator.ForCpu(2, Pods(null, null), 50, Tolerance);

        Assert.Equal(2, proposal.Replicas);
        Assert.Equal("no cpu metrics were returned for the ready pods of the scale target", proposal.Error);
    }

    [Fact]
    public void A_pod_without_a_cpu_request_blocks_the_proposal()
    {
        var proposal = ReplicaCalculator.ForCpu(1, [new PodSample("a", true, null, 100)], 50, Tolerance);

        Assert.Equal("missing request for cpu in pod a", proposal.Error);
    }
}
