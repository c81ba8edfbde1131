namespace Orchestrator.Host.Tests.Process;

/// <summary>Pods of busybox containers running shell scripts, bound to a node by name, as the process tests apply them.</summary>
public static class BusyboxPods
{
    /// <summary>The busybox image the loopback registry serves (scripts/ensure-docker.sh).</summary>
    public const string Image = "127.0.0.1:5000/orchestrator/busybox:1";

    /// <summary>
    /// Applies pod <paramref name="name"/> on <paramref name="node"/> with one container per (name, script) through
    /// <c>orchctl apply</c> and waits (dilated) until all its containers run.
    /// </summary>
    public static async Task ApplyRunningAsync(TestKit.TestKit kit, OrchUp up, string name, string node, string restartPolicy, int gracePeriodSeconds,
        params (string Name, string Script)[] containers)
    {
        var specs = string.Join("\n", containers.Select(c => $"""
                - name: {c.Name}
                  image: {Image}
                  command: ["sh", "-c", "{c.Script}"]
            """));
        var pod = $"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: {name}
            spec:
              nodeName: {node}
              restartPolicy: {restartPolicy}
              terminationGracePeriodSeconds: {gracePeriodSeconds}
              containers:
            {specs}
            """;
        var applied = await up.CtlWithInput(pod, "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        await kit.AwaitAssertAsync(async () =>
        {
            var table = await up.Ctl("get", "pod", name);
            Assert.Matches($@"(?m)^{name}\s+{containers.Length}/{containers.Length}\s+Running\s", table.Stdout);
        }, kit.Dilated(TimeSpan.FromSeconds(90)), TimeSpan.FromSeconds(1));
    }
}
