using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Patching;
using Orchestrator.Model.Serialization;
using Orchestrator.Model.Tests.Support;

namespace Orchestrator.Model.Tests.Patching;

public sealed class StrategicMergePatchPropertyTests
{
    [Fact]
    public void Applying_a_two_way_patch_from_a_to_b_gives_b()
    {
        Prop.ForAll(PodGenerators.Pod.ToArbitrary(), PodGenerators.Pod.ToArbitrary(), (a, b) =>
        {
            var from = ManifestSerializer.ToNode(a);
            var to = ManifestSerializer.ToNode(b);
            var patch = StrategicMergePatch.CreateTwoWay(from, to, typeof(Pod));
            return JsonNode.DeepEquals(StrategicMergePatch.Apply(from, patch, typeof(Pod)), to);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Applying_a_two_way_patch_twice_is_the_same_as_once()
    {
        Prop.ForAll(PodGenerators.Pod.ToArbitrary(), PodGenerators.Pod.ToArbitrary(), (a, b) =>
        {
            var from = ManifestSerializer.ToNode(a);
            var patch = StrategicMergePatch.CreateTwoWay(from, ManifestSerializer.ToNode(b), typeof(Pod));
            var once = StrategicMergePatch.Apply(from, patch, typeof(Pod));
            return JsonNode.DeepEquals(StrategicMergePatch.Apply(once, patch, typeof(Pod)), once);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_three_way_patch_from_the_last_applied_state_gives_the_new_manifest()
    {
        Prop.ForAll(PodGenerators.Pod.ToArbitrary(), PodGenerators.Pod.ToArbitrary(), (applied, wanted) =>
        {
            var last = ManifestSerializer.ToNode(applied);
            var modified = ManifestSerializer.ToNode(wanted);
            var patch = StrategicMergePatch.CreateThreeWay(last, modified, last.DeepClone(), typeof(Pod));
            return JsonNode.DeepEquals(StrategicMergePatch.Apply(last, patch, typeof(Pod)), modified);
        }).QuickCheckThrowOnFailure();
    }
}
