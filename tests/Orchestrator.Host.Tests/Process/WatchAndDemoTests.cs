namespace Orchestrator.Host.Tests.Process;

/// <summary><c>orchctl get -w</c> streaming across processes, <c>describe</c>, and <c>orch up --demo</c>.</summary>
public sealed class WatchAndDemoTests : TestKit.TestKit
{
    [Fact]
    public async Task Get_watch_prints_changes_as_they_happen_and_ends_cleanly_on_SIGTERM()
    {
        await using var up = await OrchUp.StartAsync();
        var (watcher, output) = up.StartCtl("get", "configmaps", "-w", "-l", "app=watched");
        try
        {
            await AwaitAssertAsync(async () =>
            {
                // Applied again until the watch (opened concurrently) has printed it: an apply before it opened is listed as ADDED anyway.
                await up.CtlWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: seen, labels: {app: watched}}\ndata: {a: b}\n", "apply", "-f", "-");
                Assert.Matches(@"^NAME\s+DATA\s+AGE\nseen\s+1\s+\d+s\n", output.Text);
            }, Dilated(TimeSpan.FromSeconds(60)), TimeSpan.FromSeconds(1));

            Assert.Equal(0, (await up.Ctl("label", "cm", "seen", "extra=1")).ExitCode);
            await AwaitAssertAsync(() =>
            {
                Assert.Equal(2, output.Text.Split('\n').Count(l => l.StartsWith("seen", StringComparison.Ordinal)));
                return Task.CompletedTask;
            }, Dilated(TimeSpan.FromSeconds(30)), TimeSpan.FromMilliseconds(200));
        }
        finally
        {
            ProgramRun.Terminate(watcher);
            await watcher.WaitForExitAsync().WaitAsync(Dilated(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(0, watcher.ExitCode);
        watcher.Dispose();

        var described = await up.Ctl("describe", "cm", "seen");
        Assert.Equal(0, described.ExitCode);
        Assert.Contains("Labels:             app=watched\n                    extra=1\n", described.Stdout);
        Assert.Contains("Data:\n  a: b\n", described.Stdout);
    }

    [Fact]
    public async Task Up_with_demo_applies_the_hello_example_and_reports_progress()
    {
        var examples = Path.Combine(Startup.HostConfigLoaderTests.RepositoryRoot(), "examples", "hello");
        await using var up = await OrchUp.StartAsync(folder =>
        {
            var target = Directory.CreateDirectory(Path.Combine(folder, "examples", "hello")).FullName;
            foreach (var file in Directory.GetFiles(examples)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }, "--demo");

        await AwaitAssertAsync(() =>
        {
            Assert.Contains("demo: deployment.apps/hello created", up.Output);
            Assert.Contains("demo: service/hello created", up.Output);
            Assert.Contains("demo: deployment/hello: ", up.Output);
            return Task.CompletedTask;
        }, Dilated(TimeSpan.FromSeconds(60)), TimeSpan.FromMilliseconds(500));

        var deployment = await up.Ctl("get", "deploy", "hello");
        Assert.Matches(@"^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nhello\s+\d/3\s+\d\s+\d\s+\S+\n$", deployment.Stdout);
    }
}
