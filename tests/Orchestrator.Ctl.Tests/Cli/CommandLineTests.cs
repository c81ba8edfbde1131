using Orchestrator.Ctl.Cli;

namespace Orchestrator.Ctl.Tests.Cli;

public sealed class CommandLineTests
{
    private static readonly CtlContext Context = new(TextWriter.Null, TextWriter.Null, TextReader.Null, () => DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("get pods -n shop -o wide")]
    [InlineData("get deploy,po -A -l app=web --no-headers")]
    [InlineData("get pod/web -o json -w")]
    [InlineData("apply -f a.yaml -f dir/ -R")]
    [InlineData("apply -f -")]
    [InlineData("delete pods -l app=web --cascade=foreground --grace-period=0")]
    [InlineData("delete deploy web --cascade orphan")]
    [InlineData("scale deploy/web --replicas=5")]
    [InlineData("label pods web app=x --overwrite")]
    [InlineData("annotate deploy web note- --all")]
    [InlineData("drain n1 --ignore-daemonsets --force")]
    [InlineData("rollout undo deploy/web --to-revision=2")]
    [InlineData("rollout status deployment web --timeout 30")]
    [InlineData("describe po web --config other.conf --request-timeout 5")]
    [InlineData("logs web -c main -f --previous --tail 10 --timestamps --since 5m")]
    [InlineData("logs deploy/web -p")]
    [InlineData("exec web -c main -- sh -c echo")]
    [InlineData("exec web -- ls -la /")]
    [InlineData("top pods -A -l app=web --containers")]
    [InlineData("top node n1 --no-headers")]
    [InlineData("drain n1 --force --timeout 90s")]
    public void Kubectl_style_command_lines_parse_without_errors(string line)
    {
        var result = CtlCommandLine.Build(Context).Parse(line.Split(' '));
        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("scale deploy web")]
    [InlineData("frobnicate pods")]
    [InlineData("cordon")]
    [InlineData("exec web")]
    [InlineData("top")]
    public void Malformed_command_lines_are_parse_errors(string line) =>
        Assert.NotEmpty(CtlCommandLine.Build(Context).Parse(line.Split(' ')).Errors);

    [Fact]
    public async Task A_parse_error_exits_non_zero()
    {
        var error = new StringWriter();
        var code = await CtlCommandLine.Build(Context with { Error = error }).Parse(["scale", "deploy", "web"]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Error = error, Output = TextWriter.Null });
        Assert.NotEqual(0, code);
        Assert.Contains("--replicas", error.ToString());
    }

    [Fact]
    public async Task Cluster_members_without_a_client_configuration_says_where_it_looked_and_exits_1()
    {
        var error = new StringWriter();
        var code = await CtlCommandLine.Build(Context with { Error = error }).Parse(["cluster", "members"]).InvokeAsync();
        Assert.Equal(1, code);
        Assert.StartsWith("error: no client configuration at ", error.ToString());
    }

    [Fact]
    public async Task Api_resources_lists_kinds_with_short_names_without_a_cluster()
    {
        var output = new StringWriter();
        var code = await CtlCommandLine.Build(Context with { Out = output }).Parse(["api-resources"]).InvokeAsync();
        Assert.Equal(0, code);
        Assert.Matches(@"(?m)^deployments\s+deploy\s+apps/v1\s+true\s+Deployment$", output.ToString());
        Assert.Matches(@"(?m)^pods\s+po\s+v1\s+true\s+Pod$", output.ToString());
    }
}
