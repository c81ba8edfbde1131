using System.Net;
using System.Net.Sockets;
using Orchestrator.Actors.Admin;
using Orchestrator.Ctl.Cli;
using Orchestrator.Ctl.Connection;

namespace Orchestrator.Ctl.Tests.Cli;

public sealed class ErrorMessageTests
{
    [Fact]
    public void Server_errors_read_as_kubectl_prints_them()
    {
        Assert.Equal("Error from server (NotFound): pods \"x\" not found", CtlException.Describe(new AdminError("NotFound", 404, "pods \"x\" not found")));
        Assert.Equal("Error from server (Conflict): Operation cannot be fulfilled on pods \"x\": the object has been modified; please apply your changes to the latest version and try again",
            CtlException.Describe(new AdminError("Conflict", 409, "Operation cannot be fulfilled on pods \"x\": the object has been modified; please apply your changes to the latest version and try again")));
        Assert.Equal("error: the server doesn't have a resource type \"foo\"", CtlException.Describe(AdminError.UnknownResource("foo")));
        Assert.Equal("error: 'app' already has a value (x), and --overwrite is false", CtlException.Describe(AdminError.BadRequest("'app' already has a value (x), and --overwrite is false")));
    }

    [Fact]
    public async Task A_missing_client_configuration_names_the_file_and_how_to_get_one()
    {
        var path = Path.Combine(Path.GetTempPath(), "orchctl-missing-" + Guid.NewGuid().ToString("N"), "client.conf");
        var error = await Assert.ThrowsAsync<CtlException>(() => CtlContext.ConnectAsync(path, TimeSpan.FromSeconds(5)));
        Assert.Contains(path, error.Message);
        Assert.Contains("./orch up", error.Message);
    }

    [Fact]
    public async Task A_client_configuration_with_a_syntax_error_names_file_and_line()
    {
        var path = Path.Combine(Path.GetTempPath(), "orchctl-bad-" + Guid.NewGuid().ToString("N") + ".conf");
        await File.WriteAllTextAsync(path, "orchctl {\n  admin-address = \"orch.tcp://orch@127.0.0.1:1\"\n  cluster-secret = \n");
        try
        {
            var error = await Assert.ThrowsAsync<CtlException>(() => CtlContext.ConnectAsync(path, TimeSpan.FromSeconds(5)));
            Assert.StartsWith("error: bad client configuration: " + path + ":", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_cluster_that_is_not_running_is_reported_as_unreachable()
    {
        // A port that was free a moment ago: nothing listens there.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<CtlException>(() =>
            AdminConnection.OpenAsync(new AdminClientConfig($"orch.tcp://orch@127.0.0.1:{port}", "secret"), TimeSpan.FromSeconds(5)));
        Assert.StartsWith($"error: cannot reach the cluster at 127.0.0.1:{port}", error.Message);
        Assert.Contains("./orch up", error.Message);
    }

    [Fact]
    public void The_configuration_comes_from_the_flag_else_ORCH_CONFIG_else_the_current_folder()
    {
        Assert.Equal("x.conf", CtlContext.ConfigPath("x.conf"));
        var previous = Environment.GetEnvironmentVariable(CtlContext.ConfigVariable);
        try
        {
            Environment.SetEnvironmentVariable(CtlContext.ConfigVariable, "/tmp/other/client.conf");
            Assert.Equal("/tmp/other/client.conf", CtlContext.ConfigPath(null));
            Environment.SetEnvironmentVariable(CtlContext.ConfigVariable, null);
            Assert.Equal(Path.Combine(".orch", "client.conf"), CtlContext.ConfigPath(null));
        }
        finally
        {
            Environment.SetEnvironmentVariable(CtlContext.ConfigVariable, previous);
        }
    }
}
