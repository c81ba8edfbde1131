using System.Text.RegularExpressions;
using Orchestrator.Runtime.Configuration;
using Orchestrator.Runtime.Remoting;

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
        var assembly = typeof(RemoteSettings).Assembly;
        using var stream = assembly.GetManifestResourceStream("Orchestrator.Runtime.reference.conf")!;
        var text = new StreamReader(stream).ReadToEnd();
        var start = text.IndexOf("orchestrator.remote {", StringComparison.Ordinal);
        Assert.True(start >= 0, "reference.conf has no orchestrator.remote section");
        var lines = text[start..].Split('\n').Skip(1).TakeWhile(l => l.TrimEnd() != "}").Select(l => l.Trim()).ToList();
        var keyLine = new Regex(@"^([a-z-]+)\s*=");
        var keys = new HashSet<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var match = keyLine.Match(lines[i]);
            if (!match.Success) continue;
            keys.Add(match.Groups[1].Value);
            // Keys documented together share the comment above the first of them.
            var j = i - 1;
            while (j >= 0 && keyLine.IsMatch(lines[j])) j--;
            Assert.True(j >= 0 && lines[j].StartsWith('#'), $"orchestrator.remote.{match.Groups[1].Value} has no comment above it");
        }
        var documented = new[]
        {
            "enabled", "hostname", "port", "cluster-secret", "maximum-frame-size", "heartbeat-interval", "death-watch-failure-timeout",
            "retry-window", "backoff-min", "backoff-max", "connection-timeout", "outbound-queue-size", "shutdown-flush-timeout",
        };
        Assert.Equal(documented.Order(), keys.Order());
    }
}
