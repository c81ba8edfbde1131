using Orchestrator.NodeAgent.Docker;
using Xunit;

namespace Orchestrator.NodeAgent.Tests.Docker;

/// <summary>Running extra processes in a container with exec.</summary>
public sealed class ExecTests(DockerFixture fixture) : DockerTestBase(fixture)
{
    [Fact]
    public async Task Exec_returns_the_exit_code_and_keeps_stdout_and_stderr_apart()
    {
        var id = await RunContainerAsync("exec", Idle());

        var result = await Docker.Exec.RunAsync(id, ["sh", "-c", "echo to-out; echo to-err >&2; exit 7"], Timeout);

        Assert.Equal(new ExecResult(7, "to-out\n", "to-err\n"), result);
    }

    [Fact]
    public async Task Exec_runs_with_the_requested_environment_working_directory_and_user()
    {
        var id = await RunContainerAsync("exec-env", Idle());

        var result = await Docker.Exec.RunAsync(id, new ExecCreateRequest
        {
            Cmd = ["sh", "-c", "echo \"$WHO $(pwd) $(id -u)\""],
            Env = ["WHO=exec"],
            WorkingDir = "/tmp",
            User = "65534",
        }, Timeout);

        Assert.Equal(new ExecResult(0, "exec /tmp 65534\n", string.Empty), result);
    }

    [Fact]
    public async Task Exec_inspect_reports_the_exit_code_of_a_detached_process()
    {
        var id = await RunContainerAsync("exec-detached", Idle());
        var execId = await Docker.Exec.CreateAsync(id, new ExecCreateRequest { Cmd = ["sh", "-c", "sleep 0.2; exit 5"] }, Timeout);

        await Docker.Exec.StartDetachedAsync(execId, Timeout);

        var finished = await Eventually.WaitForAsync(
            () => Docker.Exec.InspectAsync(execId, Timeout),
            exec => !exec.Running && exec.ExitCode is not null,
            "the detached exec finished");
        Assert.Equal(5, finished.ExitCode);
        Assert.Equal(id, finished.ContainerId);
    }

    [Fact]
    public async Task Exec_of_a_missing_command_fails_with_the_runtimes_message()
    {
        var id = await RunContainerAsync("exec-missing", Idle());

        var result = await Docker.Exec.RunAsync(id, ["/no/such/binary"], Timeout);

        // 126 "cannot execute" from runc; newer engines may say 127 "not found".
        Assert.Contains(result.ExitCode, new[] { 126, 127 });
        Assert.Contains("/no/such/binary", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no such file or directory", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_in_a_container_that_is_not_running_reports_conflict()
    {
        var id = await CreateContainerAsync("exec-stopped", Idle());

        var error = await Assert.ThrowsAsync<DockerConflictException>(
            () => Docker.Exec.CreateAsync(id, new ExecCreateRequest { Cmd = ["true"] }, Timeout));

        Assert.Contains("is not running", error.DaemonMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_with_a_tty_returns_its_output_as_one_stream()
    {
        var id = await RunContainerAsync("exec-tty", Idle());

        var result = await Docker.Exec.RunAsync(id, new ExecCreateRequest { Cmd = ["sh", "-c", "echo a; echo b >&2"], Tty = true }, Timeout);

        Assert.Equal(new ExecResult(0, "a\r\nb\r\n", string.Empty), result);
    }
}
