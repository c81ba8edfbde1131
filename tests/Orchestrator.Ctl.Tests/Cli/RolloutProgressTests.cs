using System.Text.Json.Nodes;
using Orchestrator.Ctl.Cli;
using Orchestrator.Ctl.Connection;
using static Orchestrator.Ctl.Tests.Output.TestObjects;

namespace Orchestrator.Ctl.Tests.Cli;

public sealed class RolloutProgressTests
{
    [Theory]
    [InlineData(3, 3, 1, 1, "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...", false)]
    [InlineData(3, 4, 3, 3, "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...", false)]
    [InlineData(3, 3, 3, 2, "Waiting for deployment \"web\" rollout to finish: 2 of 3 updated replicas are available...", false)]
    [InlineData(3, 3, 3, 3, "deployment \"web\" successfully rolled out", true)]
    public void The_message_follows_kubectls_order_of_checks(int desired, int replicas, int updated, int available, string message, bool done)
    {
        var deployment = Deployment("web", desired, available, updated, available);
        deployment["status"]!["replicas"] = replicas;
        Assert.Equal((message, done), RolloutProgress.Of(deployment));
    }

    [Fact]
    public void A_spec_change_not_yet_observed_is_waited_for()
    {
        var deployment = Deployment("web", 3, 3, 3, 3);
        deployment["metadata"]!["generation"] = 3;
        Assert.Equal(("Waiting for deployment spec update to be observed...", false), RolloutProgress.Of(deployment));
    }

    [Fact]
    public void An_exceeded_progress_deadline_is_an_error()
    {
        var deployment = Deployment("web", 3, 1, 1, 1);
        deployment["status"]!["conditions"] = new JsonArray(new JsonObject { ["type"] = "Progressing", ["status"] = "False", ["reason"] = "ProgressDeadlineExceeded" });
        Assert.Equal("error: deployment \"web\" exceeded its progress deadline", Assert.Throws<CtlException>(() => RolloutProgress.Of(deployment)).Message);
    }
}
