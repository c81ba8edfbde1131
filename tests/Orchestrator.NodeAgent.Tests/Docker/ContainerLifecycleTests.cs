using System.Diagnostics;
using Orchestrator.NodeAgent.Docker;
using Xunit;

namespace Orchestrator.NodeAgent.Tests.Docker;

/// <summary>Create, start, inspect, wait, stop, kill, remove and list containers on the real engine.</summary>
public sealed class ContainerLifecycleTests(DockerFixture fixture) : DockerTestBase(fixture)
{
    [Fact]
    public async Task A_created_container_runs_to_completion_and_reports_its_exit_code()
    {
        var request = Shell("echo \"$GREETING from $(pwd)\"; exit 3") with
        {
            Env = ["GREETING=hello"],
            WorkingDir = "/tmp",
            Labels = new Dictionary<string, string> { ["app"] = "lifecycle" },
        };
        var id = await CreateContainerAsync("lifecycle", request);

        var created = await Docker.Containers.InspectAsync(id, Timeout);
        Assert.Equal("created", created.State!.Status);
        Assert.Equal($"/{UniqueName("lifecycle")}", created.Name);
        Assert.Equal("lifecycle", created.Config!.Labels!["app"]);
        Assert.Equal("1", created.Config.Labels[DockerFixture.TestLabel]);
        Assert.Contains("GREETING=hello", created.Config.Env!);
        Assert.Equal("no", created.HostConfig!.RestartPolicy!.Name);

        var startedAfter = DateTimeOffset.UtcNow.AddSeconds(-5);
        await Docker.Containers.StartAsync(id, Timeout);
        var exitCode = await WaitForExitAsync(id);

        Assert.Equal(3, exitCode);
        var exited = await Docker.Containers.InspectAsync(id, Timeout);
        Assert.Equal("exited", exited.State!.Status);
        Assert.Equal(3, exited.State.ExitCode);
        Assert.False(exited.State.Running);
        // Not FinishedAt >= StartedAt: the daemon stamps StartedAt after the process began, so a command
        // that exits at once can be recorded as finishing first.
        Assert.True(exited.State.StartedAt > startedAfter, $"started {exited.State.StartedAt:O}");
        Assert.True(exited.State.FinishedAt > startedAfter, $"finished {exited.State.FinishedAt:O}");
        Assert.Equal("hello from /tmp\n", (await Docker.Containers.ReadLogsAsync(id, cancellationToken: Timeout)).Stdout);

        await Docker.Containers.RemoveAsync(id, cancellationToken: Timeout);
        await Assert.ThrowsAsync<DockerNotFoundException>(() => Docker.Containers.InspectAsync(id, Timeout));
    }

    [Fact]
    public async Task An_entrypoint_override_runs_with_the_command_as_its_arguments()
    {
        var id = await RunContainerAsync("entrypoint", new ContainerCreateRequest
        {
            Image = DockerFixture.BusyboxImage,
            Entrypoint = ["/bin/echo", "entrypoint"],
            Cmd = ["and", "command"],
        });

        Assert.Equal(0, await WaitForExitAsync(id));
        Assert.Equal("entrypoint and command\n", (await Docker.Containers.ReadLogsAsync(id, cancellationToken: Timeout)).Stdout);
        var inspected = await Docker.Containers.InspectAsync(id, Timeout);
        Assert.Equal("/bin/echo", inspected.Path);
        Assert.Equal(["entrypoint", "and", "command"], inspected.Args!);
    }

    [Fact]
    public async Task Listing_by_label_finds_exactly_the_containers_carrying_it()
    {
        var group = new Dictionary<string, string> { ["orchestrator.test.group"] = CaseId };
        var first = await CreateContainerAsync("listed-a", Idle() with { Labels = group });
        var second = await RunContainerAsync("listed-b", Idle() with { Labels = group });
        var other = await CreateContainerAsync("unlisted", Idle());

        var listed = await Docker.Containers.ListAsync(DockerFilters.ForLabel("orchestrator.test.group", CaseId), cancellationToken: Timeout);

        Assert.Equal(new[] { first, second }.Order(), listed.Select(container => container.Id).Order());
        Assert.DoesNotContain(listed, container => container.Id == other);
        Assert.Contains(listed, container => container.Id == second && container.State == "running");
        Assert.Contains(listed, container => container.Id == first && container.State == "created");
        Assert.All(listed, container => Assert.Equal(CaseId, container.Labels!["orchestrator.test.group"]));
    }

    [Fact]
    public async Task Listing_running_only_leaves_out_created_containers()
    {
        var group = new Dictionary<string, string> { ["orchestrator.test.group"] = CaseId };
        await CreateContainerAsync("not-started", Idle() with { Labels = group });
        var running = await RunContainerAsync("started", Idle() with { Labels = group });

        var listed = await Docker.Containers.ListAsync(DockerFilters.ForLabel("orchestrator.test.group", CaseId), all: false, Timeout);

        Assert.Equal(running, Assert.Single(listed).Id);
    }

    [Fact]
    public async Task Starting_a_running_container_and_stopping_a_stopped_one_report_not_modified()
    {
        var id = await RunContainerAsync("not-modified", new ContainerCreateRequest { Image = DockerFixture.PauseImage });

        var again = await Assert.ThrowsAsync<DockerNotModifiedException>(() => Docker.Containers.StartAsync(id, Timeout));
        Assert.True(again.IsNotModified);
        await Docker.Containers.StopAsync(id, TimeSpan.FromSeconds(30), Timeout);
        await Assert.ThrowsAsync<DockerNotModifiedException>(() => Docker.Containers.StopAsync(id, cancellationToken: Timeout));
    }

    [Fact]
    public async Task The_pause_sandbox_exits_cleanly_and_promptly_on_sigterm()
    {
        var id = await RunContainerAsync("pause", new ContainerCreateRequest { Image = DockerFixture.PauseImage });
        await Eventually.UntilAsync(async () => (await Docker.Containers.InspectAsync(id, Timeout)).State!.Running, "the pause container runs");
        var clock = Stopwatch.StartNew();

        await Docker.Containers.StopAsync(id, TimeSpan.FromSeconds(30), Timeout);

        // Well under the 30 s grace: SIGTERM ended it, not the SIGKILL that would follow.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"stop took {clock.Elapsed}");
        Assert.Equal(0, (await Docker.Containers.InspectAsync(id, Timeout)).State!.ExitCode);
    }

    [Fact]
    public async Task A_command_that_does_not_exist_fails_to_start_with_a_clear_error()
    {
        var id = await CreateContainerAsync("no-command", new ContainerCreateRequest
        {
            Image = DockerFixture.BusyboxImage,
            Cmd = ["/no/such/command"],
        });

        var error = await Assert.ThrowsAnyAsync<DockerApiException>(() => Docker.Containers.StartAsync(id, Timeout));

        Assert.Contains("/no/such/command", error.DaemonMessage, StringComparison.Ordinal);
        Assert.Contains("no such file or directory", error.DaemonMessage, StringComparison.Ordinal);
        Assert.Contains($"start container {id}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_from_a_missing_image_reports_not_found()
    {
        var error = await Assert.ThrowsAsync<DockerNotFoundException>(() => CreateContainerAsync(
            "no-image", new ContainerCreateRequest { Image = $"orchestrator-test/absent-{CaseId}:1" }));

        Assert.Contains("No such image", error.DaemonMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_a_second_container_with_a_taken_name_reports_conflict()
    {
        await CreateContainerAsync("duplicate", Idle());

        var error = await Assert.ThrowsAsync<DockerConflictException>(() => CreateContainerAsync("duplicate", Idle()));

        Assert.True(error.IsConflict);
        Assert.Contains("already in use", error.DaemonMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_an_unknown_container_reports_not_found()
    {
        var error = await Assert.ThrowsAsync<DockerNotFoundException>(
            () => Docker.Containers.RemoveAsync($"orch-test-absent-{CaseId}", force: true, cancellationToken: Timeout));

        Assert.Contains("No such container", error.DaemonMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_running_container_without_force_reports_conflict()
    {
        var id = await RunContainerAsync("running", Idle());

        await Assert.ThrowsAsync<DockerConflictException>(() => Docker.Containers.RemoveAsync(id, cancellationToken: Timeout));

        await Docker.Containers.RemoveAsync(id, force: true, cancellationToken: Timeout);
        await Assert.ThrowsAsync<DockerNotFoundException>(() => Docker.Containers.InspectAsync(id, Timeout));
    }

    [Fact]
    public async Task Kill_delivers_the_requested_signal_to_the_container()
    {
        var id = await RunContainerAsync("kill", Shell(
            "trap 'echo got-usr1; exit 42' USR1; echo ready; while true; do sleep 1 & wait $!; done"));
        await WaitForLogAsync(id, "ready");

        await Docker.Containers.KillAsync(id, "SIGUSR1", Timeout);

        Assert.Equal(42, await WaitForExitAsync(id));
        Assert.Contains("got-usr1", (await Docker.Containers.ReadLogsAsync(id, cancellationToken: Timeout)).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killing_a_stopped_container_reports_conflict()
    {
        var id = await CreateContainerAsync("kill-stopped", Idle());

        await Assert.ThrowsAsync<DockerConflictException>(() => Docker.Containers.KillAsync(id, cancellationToken: Timeout));
    }

    [Fact]
    public async Task Stop_kills_a_container_that_ignores_sigterm_once_the_timeout_expires()
    {
        var id = await RunContainerAsync("stubborn", Shell("trap '' TERM; echo ready; while true; do sleep 1; done"));
        await WaitForLogAsync(id, "ready");
        var clock = Stopwatch.StartNew();

        await Docker.Containers.StopAsync(id, TimeSpan.FromSeconds(2), Timeout);

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"stop returned after {clock.Elapsed}, before the 2 s grace period");
        var state = (await Docker.Containers.InspectAsync(id, Timeout)).State!;
        Assert.False(state.Running);
        Assert.Equal(137, state.ExitCode);
    }

    [Fact]
    public async Task Memory_and_cpu_limits_are_applied_to_the_container()
    {
        const long memory = 64L * 1024 * 1024;
        var id = await RunContainerAsync("limits", Idle() with
        {
            HostConfig = new HostConfig { Memory = memory, NanoCpus = 500_000_000 },
        });

        var inspected = await Docker.Containers.InspectAsync(id, Timeout);
        var stats = await Docker.Containers.StatsAsync(id, oneShot: true, Timeout);

        Assert.Equal(memory, inspected.HostConfig!.Memory);
        Assert.Equal(500_000_000, inspected.HostConfig.NanoCpus);
        Assert.Equal((ulong)memory, stats.MemoryStats!.Limit);
    }

    [Fact]
    public async Task Stats_report_the_memory_and_cpu_a_running_container_uses()
    {
        var id = await RunContainerAsync("stats", Shell(
            "trap 'exit 0' TERM; i=0; while true; do i=$((i+1)); [ $((i % 1000)) -eq 0 ] && sleep 0.1; done"));
        await Eventually.UntilAsync(async () => (await Docker.Containers.InspectAsync(id, Timeout)).State!.Running, "the stats container runs");

        var stats = await Eventually.WaitForAsync(
            () => Docker.Containers.StatsAsync(id, cancellationToken: Timeout),
            sample => sample.MemoryStats?.Usage > 0 && sample.CpuStats?.CpuUsage?.TotalUsage > 0,
            "stats show memory and cpu use");

        Assert.True(stats.MemoryUsageBytes > 0);
        Assert.True(stats.CpuStats!.CpuUsage!.TotalUsage >= stats.PreCpuStats!.CpuUsage!.TotalUsage);
        Assert.True(stats.CpuPercent >= 0);
        Assert.True(stats.Read > stats.PreRead);
        Assert.Equal(UniqueName("stats"), stats.Name!.TrimStart('/'));
    }

    [Fact]
    public async Task Init_puts_dockers_init_in_front_of_the_command_as_pid_1()
    {
        var id = await RunContainerAsync("init", Shell("tr '\\0' ' ' < /proc/1/cmdline") with
        {
            HostConfig = new HostConfig { Init = true },
        });

        Assert.Equal(0, await WaitForExitAsync(id));
        var pid1 = (await Docker.Containers.ReadLogsAsync(id, cancellationToken: Timeout)).Stdout;
        Assert.Contains("init", pid1, StringComparison.Ordinal);
        Assert.Contains("sh -c", pid1, StringComparison.Ordinal);
        Assert.True((await Docker.Containers.InspectAsync(id, Timeout)).HostConfig!.Init);
    }

    [Fact]
    public async Task A_bind_mount_shows_a_host_directory_inside_the_container()
    {
        var directory = Directory.CreateTempSubdirectory("orch-test-bind-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "note.txt"), $"from-host-{CaseId}");
            var id = await RunContainerAsync("bind", Shell("cat /data/note.txt") with
            {
                HostConfig = new HostConfig { Binds = [$"{directory.FullName}:/data:ro"] },
            });

            Assert.Equal(0, await WaitForExitAsync(id));
            Assert.Equal($"from-host-{CaseId}", (await Docker.Containers.ReadLogsAsync(id, cancellationToken: Timeout)).Stdout);
            var mount = Assert.Single((await Docker.Containers.InspectAsync(id, Timeout)).Mounts!);
            Assert.Equal("/data", mount.Destination);
            Assert.False(mount.ReadWrite);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_port_published_on_loopback_reaches_the_containers_http_server()
    {
        var marker = $"published-{CaseId}";
        var id = await RunContainerAsync("published", Shell(
            $"mkdir -p /tmp/www && echo {marker} > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www") with
        {
            ExposedPorts = ["8080/tcp"],
            HostConfig = new HostConfig
            {
                PortBindings = new Dictionary<string, IReadOnlyList<PortBinding>?>
                {
                    ["8080/tcp"] = [new PortBinding { HostIp = "127.0.0.1", HostPort = string.Empty }],
                },
            },
        });

        var binding = (await Docker.Containers.InspectAsync(id, Timeout)).NetworkSettings!.Ports!["8080/tcp"]!.Single();
        Assert.Equal("127.0.0.1", binding.HostIp);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var body = await Eventually.WaitForAsync(
            async () =>
            {
                try
                {
                    return await http.GetStringAsync($"http://127.0.0.1:{binding.HostPort}/", Timeout);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return string.Empty;
                }
            },
            text => text.Contains(marker, StringComparison.Ordinal),
            "the published port serves the page");

        Assert.Equal($"{marker}\n", body);
    }
}
