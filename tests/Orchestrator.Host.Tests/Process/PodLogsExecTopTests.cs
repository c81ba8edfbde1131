namespace Orchestrator.Host.Tests.Process;

/// <summary>
/// <c>orchctl logs</c>, <c>exec</c> and <c>top</c> as a user runs them against a real <c>orch up</c> on real Docker: the
/// admin console relays each request to the node agent of the pod's node, which reads the container's logs, runs the
/// command through Docker exec, and writes the metrics <c>top</c> prints. Each test uses a pod of its own.
/// </summary>
public sealed class PodLogsExecTopTests(FastMetricsClusterFixture cluster) : TestKit.TestKit, IClassFixture<FastMetricsClusterFixture>
{
    /// <summary>Sleeps until told to stop (TERM ends it at once).</summary>
    private const string Idle = "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done";

    private OrchUp Up => cluster.Up;

    [Fact]
    public async Task Logs_print_the_containers_lines_and_tail_the_last_and_an_unknown_container_is_named()
    {
        await RunPod("printer", "Always", ("main", $"echo one; echo two; echo three; {Idle}"), ("side", Idle));

        await AwaitAssertAsync(async () =>
        {
            var logs = await Up.Ctl("logs", "printer", "-c", "main");
            Assert.True(logs.ExitCode == 0, logs.ToString());
            Assert.Equal("one\ntwo\nthree\n", logs.Stdout);
        }, Dilated(TimeSpan.FromSeconds(30)), TimeSpan.FromMilliseconds(500));

        var defaulted = await Up.Ctl("logs", "pod/printer", "--tail", "1");
        Assert.True(defaulted.ExitCode == 0, defaulted.ToString());
        Assert.Equal("three\n", defaulted.Stdout);
        Assert.Equal("Defaulted container \"main\" out of: main, side\n", defaulted.Stderr);

        var unknown = await Up.Ctl("logs", "printer", "-c", "nope");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("error: container nope is not valid for pod printer; its containers: main, side\n", unknown.Stderr);

        var missing = await Up.Ctl("logs", "no-such-pod");
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("Error from server (NotFound): pods \"no-such-pod\" not found\n", missing.Stderr);
    }

    [Fact]
    public async Task Logs_follow_receives_a_line_written_after_it_started_and_ends_when_the_container_exits()
    {
        await RunPod("follower", "Never", ("main", "echo ready; while [ ! -f /tmp/stop ]; do sleep 0.2; done; echo bye"));
        var (process, output) = Up.StartCtl("logs", "-f", "follower");
        try
        {
            Assert.True(await output.WaitForAsync("ready", Dilated(TimeSpan.FromSeconds(30))), output.Text);

            // Written to the container's own stdout (its PID 1) after the follow began.
            var written = await Up.Ctl("exec", "follower", "--", "sh", "-c", "echo later > /proc/1/fd/1");
            Assert.True(written.ExitCode == 0, written.ToString());
            Assert.True(await output.WaitForAsync("later", Dilated(TimeSpan.FromSeconds(30))), output.Text);

            Assert.Equal(0, (await Up.Ctl("exec", "follower", "--", "touch", "/tmp/stop")).ExitCode);
            await process.WaitForExitAsync().WaitAsync(Dilated(TimeSpan.FromSeconds(30)));
            await output.Pump;
            Assert.Equal(0, process.ExitCode);
            Assert.Equal("ready\nlater\nbye\n", output.Text);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
            process.Dispose();
        }
    }

    [Fact]
    public async Task Exec_prints_output_exits_with_the_commands_code_passes_piped_stdin_and_warns_that_t_needs_a_terminal()
    {
        await RunPod("shell", "Always", ("main", Idle));

        var failed = await Up.Ctl("exec", "shell", "--", "sh", "-c", "echo hi; echo oops >&2; exit 3");
        Assert.Equal(3, failed.ExitCode);
        Assert.Equal("hi\n", failed.Stdout);
        Assert.Equal("oops\ncommand terminated with exit code 3\n", failed.Stderr);

        var ok = await Up.Ctl("exec", "shell", "-c", "main", "--", "cat", "/etc/hostname");
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.NotEmpty(ok.Stdout.Trim());

        var missing = await Up.Ctl("exec", "shell", "--", "no-such-command");
        Assert.True(missing.ExitCode is 126 or 127, missing.ToString());
        Assert.Contains("no-such-command", missing.Stdout + missing.Stderr);
        Assert.EndsWith($"command terminated with exit code {missing.ExitCode}\n", missing.Stderr);

        var piped = await Up.CtlWithInput("hi\n", "exec", "-i", "shell", "--", "cat");
        Assert.True(piped.ExitCode == 0, piped.ToString());
        Assert.Equal("hi\n", piped.Stdout);

        var read = await Up.CtlWithInput("x\n", "exec", "-i", "shell", "--", "sh", "-c", "read x; echo got $x");
        Assert.True(read.ExitCode == 0, read.ToString());
        Assert.Equal("got x\n", read.Stdout);

        // No terminal on orchctl's stdin: kubectl's warning, then the same command without a TTY.
        var noTty = await Up.CtlWithInput("echo in-sh; exit 4\n", "exec", "-it", "shell", "--", "sh");
        Assert.Equal(4, noTty.ExitCode);
        Assert.Equal("in-sh\n", noTty.Stdout);
        Assert.Equal("Unable to use a TTY - input is not a terminal or the right kind of file\ncommand terminated with exit code 4\n", noTty.Stderr);
    }

    [Fact]
    public async Task Exec_streams_a_line_while_the_command_still_runs_and_passes_input_written_after_it()
    {
        await RunPod("talker", "Always", ("main", Idle));
        var (process, output) = Up.StartCtl("exec", "-i", "talker", "--", "sh", "-c", "echo a; read x; echo got $x");
        try
        {
            // The command is blocked reading its input, which is written only below: "a" came while it ran.
            Assert.True(await output.WaitForAsync("a\n", Dilated(TimeSpan.FromSeconds(30))), output.Text);
            Assert.False(process.HasExited);
            await process.StandardInput.WriteAsync("b\n");
            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(Dilated(TimeSpan.FromSeconds(30)));
            await output.Pump;
            Assert.Equal(0, process.ExitCode);
            Assert.Equal("a\ngot b\n", output.Text);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
            process.Dispose();
        }
    }

    [Fact]
    public async Task Top_pods_and_nodes_print_usage_rows_once_the_agent_has_sampled()
    {
        await RunPod("busy", "Always", ("main", Idle));

        await AwaitAssertAsync(async () =>
        {
            var pods = await Up.Ctl("top", "pods");
            Assert.True(pods.ExitCode == 0, pods.ToString());
            Assert.Matches(@"^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\n", pods.Stdout);
            Assert.Matches(@"(?m)^busy\s+\d+m\s+\d+Mi$", pods.Stdout);
        }, Dilated(TimeSpan.FromSeconds(60)), TimeSpan.FromSeconds(1));

        var containers = await Up.Ctl("top", "pod", "busy", "--containers");
        Assert.Matches(@"^POD\s+NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\nbusy\s+main\s+\d+m\s+\d+Mi\n$", containers.Stdout);

        await AwaitAssertAsync(async () =>
        {
            var nodes = await Up.Ctl("top", "nodes");
            Assert.True(nodes.ExitCode == 0, nodes.ToString());
            Assert.Matches(@"^NAME\s+CPU\(cores\)\s+CPU%\s+MEMORY\(bytes\)\s+MEMORY%\n", nodes.Stdout);
            Assert.Matches($@"(?m)^{Up.NodeName}\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%$", nodes.Stdout);
        }, Dilated(TimeSpan.FromSeconds(60)), TimeSpan.FromSeconds(1));

        var empty = await Up.Ctl("top", "pods", "-n", "no-pods-here");
        Assert.True(empty.ExitCode == 0, empty.ToString());
        Assert.Equal("No resources found in no-pods-here namespace.\n", empty.Stderr);
    }

    private Task RunPod(string name, string restartPolicy, params (string Name, string Script)[] containers) =>
        BusyboxPods.ApplyRunningAsync(this, Up, name, Up.NodeName, restartPolicy, 1, containers);
}
