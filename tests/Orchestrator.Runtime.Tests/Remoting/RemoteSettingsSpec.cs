using Orchestrator.Runtime.Configuration;
using Orchestrator.Runtime.Remoting;
using Orchestrator.Runtime.Tests.Configuration;

namespace Orchestrator.Runtime.Tests.Remoting;

/// <summary>The <c>orchestrator.remote</c> section of the runtime's reference.conf: documented, and equal to the code's defaults.</summary>
public sealed class RemoteSettingsSpec
{
    [Fact]
    public void The_reference_configuration_gives_the_defaults_of_RemoteSettings()
    {
        Assert.Equal(new RemoteSettings(), RemoteSettings.Read(ReferenceConfig.Runtime.Resolve()));
    }

    [Fact]
    public void Every_remote_key_in_the_reference_configuration_has_a_comment()
    {
        var keys = ReferenceConfText.CommentedKeys("orchestrator.remote {");
        var documented = new[]
        {
            "enabled", "hostname", "port", "cluster-secret", "maximum-frame-size", "heartbeat-interval", "death-watch-failure-timeout",
            "retry-window", "backoff-min", "backoff-max", "connection-timeout", "outbound-queue-size", "shutdown-flush-timeout",
            "failure-injector",
        };
        Assert.Equal(documented.Order(), keys.Order());
    }
}
