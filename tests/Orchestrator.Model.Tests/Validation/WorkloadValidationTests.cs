using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Batch.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Primitives;
using Orchestrator.Model.Tests.Support;
using Orchestrator.Model.Validation;

namespace Orchestrator.Model.Tests.Validation;

public sealed class WorkloadValidationTests
{
    public static TheoryData<string, Action<Deployment>, string> InvalidDeployments => new()
    {
        { "negative replicas", d => d.Spec.Replicas = -1, "spec.replicas: Invalid value: -1: must be greater than or equal to 0" },
        { "no selector", d => d.Spec.Selector = null, "spec.selector: Required value" },
        { "empty selector", d => d.Spec.Selector = new LabelSelector(), "spec.selector: Invalid value: {}: empty selector is invalid for deployment" },
        {
            "selector not matching the template",
            d => d.Spec.Template.Metadata!.Labels = new() { ["app"] = "api" },
            "spec.template.metadata.labels: Invalid value: {\"app\":\"api\"}: `selector` does not match template `labels`"
        },
        { "template container without image", d => d.Spec.Template.Spec.Containers[0].Image = "", "spec.template.spec.containers[0].image: Required value" },
        {
            "template restart policy",
            d => d.Spec.Template.Spec.RestartPolicy = RestartPolicy.Never,
            "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""
        },
        { "strategy type", d => d.Spec.Strategy = new DeploymentStrategy { Type = "BlueGreen" }, "spec.strategy.type: Unsupported value: \"BlueGreen\": supported values: \"Recreate\", \"RollingUpdate\"" },
        {
            "rolling parameters with recreate",
            d => d.Spec.Strategy = new DeploymentStrategy { Type = "Recreate", RollingUpdate = new RollingUpdateDeployment { MaxSurge = 1 } },
            "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"
        },
        {
            "both surge and unavailable zero",
            d => d.Spec.Strategy = new DeploymentStrategy { RollingUpdate = new RollingUpdateDeployment { MaxSurge = 0, MaxUnavailable = "0%" } },
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0"
        },
        {
            "unavailable over 100 percent",
            d => d.Spec.Strategy = new DeploymentStrategy { RollingUpdate = new RollingUpdateDeployment { MaxUnavailable = "150%" } },
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%"
        },
        {
            "surge not a percentage",
            d => d.Spec.Strategy = new DeploymentStrategy { RollingUpdate = new RollingUpdateDeployment { MaxSurge = "50" } },
            "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"50\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"
        },
        {
            "progress deadline not above min ready",
            d =>
            {
                d.Spec.MinReadySeconds = 30;
                d.Spec.ProgressDeadlineSeconds = 30;
            },
            "spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds"
        },
        { "negative history", d => d.Spec.RevisionHistoryLimit = -1, "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0" },
    };

    [Fact]
    public void A_well_formed_deployment_is_valid()
    {
        var result = ObjectValidator.Validate(TestWorkloads.Deployment());

        Assert.True(result.IsValid, string.Join("\n", result.Messages));
    }

    [Theory]
    [MemberData(nameof(InvalidDeployments))]
    public void Deployment_errors_name_the_field_path(string problem, Action<Deployment> breakIt, string expected)
    {
        var deployment = TestWorkloads.Deployment();
        breakIt(deployment);

        Assert.True(ObjectValidator.Validate(deployment).Messages.Contains(expected), problem + ": " + string.Join(" | ", ObjectValidator.Validate(deployment).Messages));
    }

    [Fact]
    public void A_match_expression_selector_must_also_match_the_template()
    {
        var replicaSet = TestWorkloads.ReplicaSet();
        replicaSet.Spec.Selector = new LabelSelector
        {
            MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "In", Values = ["fe"] }],
        };

        Assert.Equal(
            ["spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`"],
            ObjectValidator.Validate(replicaSet).Messages);
    }

    [Fact]
    public void A_job_template_must_not_restart_always()
    {
        var job = new Job { Metadata = new ObjectMeta { Name = "pi" }, Spec = new JobSpec { Template = TestPods.Template() } };

        Assert.Equal(
            ["spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""],
            ObjectValidator.Validate(job).Messages);
        job.Spec.Template.Spec.RestartPolicy = RestartPolicy.Never;
        Assert.True(ObjectValidator.Validate(job).IsValid);
    }

    [Fact]
    public void An_indexed_job_needs_completions()
    {
        var job = new Job
        {
            Metadata = new ObjectMeta { Name = "work" },
            Spec = new JobSpec { CompletionMode = "Indexed", BackoffLimit = -1, Template = TestPods.Template() },
        };
        job.Spec.Template.Spec.RestartPolicy = RestartPolicy.OnFailure;

        Assert.Equal(
            ["spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0", "spec.completions: Required value: when completion mode is Indexed"],
            ObjectValidator.Validate(job).Messages);
    }

    [Theory]
    [InlineData("*/5 * * * *", true)]
    [InlineData("0 3 * * MON-FRI", true)]
    [InlineData("@hourly", true)]
    [InlineData("every minute", false)]
    [InlineData("* * * *", false)]
    [InlineData("TZ=UTC 0 * * * *", false)]
    public void A_cron_job_schedule_must_be_cron_syntax(string schedule, bool valid)
    {
        var cronJob = new CronJob
        {
            Metadata = new ObjectMeta { Name = "backup" },
            Spec = new CronJobSpec { Schedule = schedule, JobTemplate = new JobTemplateSpec { Spec = new JobSpec { Template = TestPods.Template() } } },
        };
        cronJob.Spec.JobTemplate.Spec.Template.Spec.RestartPolicy = RestartPolicy.OnFailure;

        Assert.Equal(valid, ObjectValidator.Validate(cronJob).IsValid);
    }

    [Fact]
    public void A_stateful_set_checks_its_claim_templates()
    {
        var statefulSet = new StatefulSet
        {
            Metadata = new ObjectMeta { Name = "db" },
            Spec = new StatefulSetSpec
            {
                Selector = TestWorkloads.Selector(),
                Template = TestPods.Template(),
                PodManagementPolicy = "Random",
                VolumeClaimTemplates = [new PersistentVolumeClaim { Metadata = new ObjectMeta { Name = "data" } }],
            },
        };

        Assert.Equal(
            [
                "spec.podManagementPolicy: Unsupported value: \"Random\": supported values: \"OrderedReady\", \"Parallel\"",
                "spec.volumeClaimTemplates[0].spec.accessModes: Required value: at least 1 access mode is required",
                "spec.volumeClaimTemplates[0].spec.resources[storage]: Required value",
            ],
            ObjectValidator.Validate(statefulSet).Messages);
    }

    [Fact]
    public void A_daemon_set_may_not_have_zero_surge_and_zero_unavailable()
    {
        var daemonSet = new DaemonSet
        {
            Metadata = new ObjectMeta { Name = "agent" },
            Spec = new DaemonSetSpec
            {
                Selector = TestWorkloads.Selector(),
                Template = TestPods.Template(),
                UpdateStrategy = new DaemonSetUpdateStrategy { RollingUpdate = new RollingUpdateDaemonSet { MaxUnavailable = 0 } },
            },
        };

        Assert.Equal(
            ["spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"],
            ObjectValidator.Validate(daemonSet).Messages);
        daemonSet.Spec.UpdateStrategy.RollingUpdate.MaxSurge = IntOrString.FromString("10%");
        Assert.True(ObjectValidator.Validate(daemonSet).IsValid);
    }
}
