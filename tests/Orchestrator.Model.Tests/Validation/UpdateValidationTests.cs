using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Serialization;
using Orchestrator.Model.Tests.Support;
using Orchestrator.Model.Validation;

namespace Orchestrator.Model.Tests.Validation;

public sealed class UpdateValidationTests
{
    [Fact]
    public void Scaling_a_deployment_is_allowed()
    {
        var old = TestWorkloads.Deployment(replicas: 3);
        var updated = ManifestSerializer.DeepCopy(old);
        updated.Spec.Replicas = 10;
        updated.Spec.Template.Spec.Containers[0].Image = "nginx:1.28";

        Assert.True(ObjectValidator.ValidateUpdate(updated, old).IsValid);
    }

    [Fact]
    public void A_deployment_selector_is_immutable()
    {
        var old = TestWorkloads.Deployment();
        var updated = ManifestSerializer.DeepCopy(old);
        updated.Spec.Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web", ["tier"] = "fe" } };
        updated.Spec.Template.Metadata!.Labels!["tier"] = "fe";

        Assert.Equal(
            ["spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web\",\"tier\":\"fe\"}}: field is immutable"],
            ObjectValidator.ValidateUpdate(updated, old).Messages);
    }

    [Fact]
    public void A_replica_set_selector_is_immutable()
    {
        var old = TestWorkloads.ReplicaSet();
        var updated = ManifestSerializer.DeepCopy(old);
        updated.Spec.Selector!.MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "Exists" }];

        Assert.Contains("spec.selector", ObjectValidator.ValidateUpdate(updated, old).Errors.Select(e => e.Field));
    }

    [Fact]
    public void Names_and_namespaces_cannot_change()
    {
        var old = TestPods.Valid();
        var updated = ManifestSerializer.DeepCopy(old);
        updated.Metadata.Name = "web-1";
        updated.Metadata.Namespace = "prod";

        Assert.Equal(
            ["metadata.name: Invalid value: \"web-1\": field is immutable", "metadata.namespace: Invalid value: \"prod\": field is immutable"],
            ObjectValidator.ValidateUpdate(updated, old).Messages);
    }

    public static TheoryData<string, Action<Pod>> AllowedPodUpdates => new()
    {
        { "image", p => p.Spec.Containers[0].Image = "nginx:1.28" },
        { "labels", p => p.Metadata.Labels!["tier"] = "fe" },
        { "deadline set", p => p.Spec.ActiveDeadlineSeconds = 600 },
        { "toleration added", p => p.Spec.Tolerations = [new Toleration { Key = "gpu", Operator = "Exists" }] },
    };

    [Theory]
    [MemberData(nameof(AllowedPodUpdates))]
    public void Pod_updates_to_mutable_fields_are_allowed(string change, Action<Pod> update)
    {
        var old = TestPods.Valid();
        var updated = ManifestSerializer.DeepCopy(old);
        update(updated);

        var result = ObjectValidator.ValidateUpdate(updated, old);

        Assert.True(result.IsValid, change + ": " + string.Join("\n", result.Messages));
    }

    public static TheoryData<string, Action<Pod>, string> ForbiddenPodUpdates => new()
    {
        { "command", p => p.Spec.Containers[0].Command = ["sh"], "spec" },
        { "restart policy", p => p.Spec.RestartPolicy = RestartPolicy.Never, "spec" },
        { "node name", p => p.Spec.NodeName = "node-b", "spec" },
        { "container added", p => p.Spec.Containers.Add(TestPods.Container("sidecar")), "spec" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenPodUpdates))]
    public void Pod_updates_to_other_spec_fields_are_forbidden(string change, Action<Pod> update, string field)
    {
        var old = TestPods.Valid();
        var updated = ManifestSerializer.DeepCopy(old);
        update(updated);

        var error = Assert.Single(ObjectValidator.ValidateUpdate(updated, old).Errors);

        Assert.Equal(field, error.Field);
        Assert.Equal(FieldErrorType.Forbidden, error.Type);
        Assert.StartsWith("Forbidden: pod updates may not change fields other than `spec.containers[*].image`", error.Body);
        Assert.NotNull(change);
    }

    [Fact]
    public void Existing_tolerations_cannot_be_removed_and_deadlines_cannot_grow()
    {
        var old = TestPods.Valid();
        old.Spec.Tolerations = [new Toleration { Key = "gpu", Operator = "Exists" }];
        old.Spec.ActiveDeadlineSeconds = 100;
        var updated = ManifestSerializer.DeepCopy(old);
        updated.Spec.Tolerations = [];
        updated.Spec.ActiveDeadlineSeconds = 200;

        Assert.Equal(
            [
                "spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value",
                "spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds",
            ],
            ObjectValidator.ValidateUpdate(updated, old).Messages);
    }

    [Fact]
    public void Immutable_config_maps_cannot_change_their_data()
    {
        var old = new ConfigMap { Metadata = new ObjectMeta { Name = "c" }, Data = new() { ["a"] = "1" }, Immutable = true };
        var updated = ManifestSerializer.DeepCopy(old);
        updated.Data!["a"] = "2";

        Assert.Equal(["data: Forbidden: field is immutable when `immutable` is set"], ObjectValidator.ValidateUpdate(updated, old).Messages);
    }

    [Fact]
    public void A_stateful_set_may_only_change_its_mutable_spec_fields()
    {
        var old = new Orchestrator.Model.Apps.V1.StatefulSet
        {
            Metadata = new ObjectMeta { Name = "db" },
            Spec = new Orchestrator.Model.Apps.V1.StatefulSetSpec { Selector = TestWorkloads.Selector(), Template = TestPods.Template(), ServiceName = "db" },
        };
        var scaled = ManifestSerializer.DeepCopy(old);
        scaled.Spec.Replicas = 5;
        var renamed = ManifestSerializer.DeepCopy(old);
        renamed.Spec.ServiceName = "db-headless";

        Assert.True(ObjectValidator.ValidateUpdate(scaled, old).IsValid);
        Assert.Equal("spec", Assert.Single(ObjectValidator.ValidateUpdate(renamed, old).Errors).Field);
    }
}
