using System.Globalization;
using Orchestrator.NodeAgent.Docker;
using Xunit;

namespace Orchestrator.NodeAgent.Tests.Docker;

/// <summary>Container logs: demultiplexing, tail, follow, timestamps, since, and TTY containers.</summary>
public sealed class LogsTests(DockerFixture fixture) : DockerTestBase(fixture)
{
    [Fact]
    public async Task Logs_keep_stdout_and_stderr_apart()
    {
        var id = await RunContainerAsync("streams", Shell("echo out-1; echo err-1 >&2; echo out-2; echo err-2 >&2"));
        await WaitForExitAsync(id);

        var output = await Docker.Containers.ReadLogsAsync(id, cancellationToken: Timeout);
        var frames = await Docker.Containers.LogsAsync(id, cancellationToken: Timeout).ToListAsync(Timeout);

        Assert.Equal("out-1\nout-2\n", output.Stdout);
        Assert.Equal("err-1\nerr-2\n", output.Stderr);
        // The two streams are separate pipes, so only the order within each stream is guaranteed.
        Assert.Equal(["out-1\n", "out-2\n"], frames.Where(frame => frame.Stream == LogStreamType.Stdout).Select(frame => frame.Text));
        Assert.Equal(["err-1\n", "err-2\n"], frames.Where(frame => frame.Stream == LogStreamType.Stderr).Select(frame => frame.Text));
    }

    [Fact]
    public async Task Asking_for_stderr_only_leaves_stdout_out()
    {
        var id = await RunContainerAsync("stderr-only", Shell("echo out; echo err >&2"));
        await WaitForExitAsync(id);

        var output = await Docker.Containers.ReadLogsAsync(id, new LogsOptions { Stdout = false }, Timeout);

        Assert.Equal(string.Empty, output.Stdout);
        Assert.Equal("err\n", output.Stderr);
    }

    [Fact]
    public async Task Tail_returns_only_the_last_lines()
    {
        var id = await RunContainerAsync("tail", Shell("for i in 1 2 3 4 5; do echo line-$i; done"));
        await WaitForExitAsync(id);

        var output = await Docker.Containers.ReadLogsAsync(id, new LogsOptions { Tail = 2 }, Timeout);

        Assert.Equal("line-4\nline-5\n", output.Stdout);
    }

    [Fact]
    public async Task Follow_streams_lines_as_they_are_written_and_ends_when_the_container_exits()
    {
        var id = await RunContainerAsync("follow", Shell(
            "for i in 1 2 3 4 5; do echo tick-$i; sleep 0.3; done"));

        var lines = new List<string>();
        await foreach (var frame in Docker.Containers.LogsAsync(id, new LogsOptions { Follow = true }, Timeout))
        {
            lines.AddRange(frame.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        Assert.Equal(["tick-1", "tick-2", "tick-3", "tick-4", "tick-5"], lines);
        Assert.False((await Docker.Containers.InspectAsync(id, Timeout)).State!.Running);
    }

    [Fact]
    public async Task Follow_ends_promptly_when_the_reader_cancels()
    {
        var id = await RunContainerAsync("endless", Shell("trap 'exit 0' TERM; while true; do echo tick; sleep 0.2 & wait $!; done"));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Timeout);
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var frame in Docker.Containers.LogsAsync(id, new LogsOptions { Follow = true }, stop.Token))
            {
                if (++seen == 3)
                {
                    stop.Cancel();
                }
            }
        });

        Assert.Equal(3, seen);
        Assert.True((await Docker.Containers.InspectAsync(id, Timeout)).State!.Running);
    }

    [Fact]
    public async Task Timestamps_prefix_each_line_with_the_time_it_was_written()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        var id = await RunContainerAsync("timestamps", Shell("echo first; echo second"));
        await WaitForExitAsync(id);

        var output = await Docker.Containers.ReadLogsAsync(id, new LogsOptions { Timestamps = true }, Timeout);

        var lines = output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.True(ParseTimestamp(line) > before, line));
        Assert.EndsWith(" first", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(" second", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Since_leaves_out_lines_written_before_it()
    {
        var id = await RunContainerAsync("since", Shell("echo early; sleep 1.5; echo late"));
        await WaitForExitAsync(id);
        var stamped = await Docker.Containers.ReadLogsAsync(id, new LogsOptions { Timestamps = true }, Timeout);
        var lateAt = ParseTimestamp(stamped.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1]);

        var output = await Docker.Containers.ReadLogsAsync(id, new LogsOptions { Since = lateAt.AddMilliseconds(-200) }, Timeout);

        Assert.Equal("late\n", output.Stdout);
    }

    [Fact]
    public async Task A_tty_containers_logs_come_back_as_one_raw_stream()
    {
        var id = await RunContainerAsync("tty", Shell("echo to-out; echo to-err >&2") with { Tty = true });
        await WaitForExitAsync(id);

        var frames = await Docker.Containers.LogsAsync(id, cancellationToken: Timeout).ToListAsync(Timeout);

        Assert.All(frames, frame => Assert.Equal(LogStreamType.Tty, frame.Stream));
        var text = string.Concat(frames.Select(frame => frame.Text));
        // A TTY turns \n into \r\n and merges both streams.
        Assert.Equal("to-out\r\nto-err\r\n", text);
    }

    private static DateTimeOffset ParseTimestamp(string line) =>
        DateTimeOffset.Parse(line[..line.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
}
