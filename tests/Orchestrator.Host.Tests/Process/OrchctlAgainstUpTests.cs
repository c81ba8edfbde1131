using System.Text.Json.Nodes;

namespace Orchestrator.Host.Tests.Process;

/// <summary>The real orchctl program against a real <c>orch up</c> process: what a user types and sees.</summary>
public sealed class OrchctlAgainstUpTests(UpClusterFixture cluster) : TestKit.TestKit, IClassFixture<UpClusterFixture>
{
    private OrchUp Up => cluster.Up;

    private const string ConfigMap = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: greeting
          labels:
            app: hello
        data:
          text: hi
        """;

    [Fact]
    public async Task Apply_get_json_delete_and_then_get_says_NotFound_with_exit_code_1()
    {
        var path = Path.Combine(Up.Folder, "greeting.yaml");
        await File.WriteAllTextAsync(path, ConfigMap);

        var applied = await Up.Ctl("apply", "-f", path);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Equal("configmap/greeting created\n", applied.Stdout);

        var table = await Up.Ctl("get", "configmaps", "-l", "app=hello");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"^NAME\s+DATA\s+AGE\ngreeting\s+1\s+\d+s\n$", table.Stdout);

        var json = await Up.Ctl("get", "cm", "greeting", "-o", "json");
        var obj = JsonNode.Parse(json.Stdout)!;
        Assert.Equal("v1", obj["apiVersion"]!.GetValue<string>());
        Assert.Equal("ConfigMap", obj["kind"]!.GetValue<string>());
        Assert.Equal("hi", obj["data"]!["text"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(obj["metadata"]!["resourceVersion"]!.GetValue<string>()));

        var list = JsonNode.Parse((await Up.Ctl("get", "cm", "-o", "json")).Stdout)!;
        Assert.Equal("List", list["kind"]!.GetValue<string>());
        Assert.Contains(list["items"]!.AsArray(), i => i!["metadata"]!["name"]!.GetValue<string>() == "greeting");

        var deleted = await Up.Ctl("delete", "-f", path);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal("configmap \"greeting\" deleted\n", deleted.Stdout);

        var missing = await Up.Ctl("get", "configmap", "greeting");
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("Error from server (NotFound): configmaps \"greeting\" not found\n", missing.Stderr);
    }

    [Fact]
    public async Task Apply_reads_multi_document_yaml_from_stdin_and_a_second_apply_is_unchanged()
    {
        const string documents = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: stdin-test
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: token
              namespace: stdin-test
            stringData:
              value: s3cret
            """;
        var first = await Up.CtlWithInput(documents, "apply", "-f", "-");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("namespace/stdin-test created\nsecret/token created\n", first.Stdout);

        var second = await Up.CtlWithInput(documents, "apply", "-f", "-");
        Assert.Equal("namespace/stdin-test unchanged\nsecret/token unchanged\n", second.Stdout);

        var names = await Up.Ctl("get", "secrets", "-n", "stdin-test", "-o", "name");
        Assert.Equal("secret/token\n", names.Stdout);
    }

    [Fact]
    public async Task Bad_input_fails_with_the_servers_or_the_files_message_and_exit_code_1()
    {
        var unknownKind = await Up.Ctl("get", "frobnicators");
        Assert.Equal(1, unknownKind.ExitCode);
        Assert.Equal("error: the server doesn't have a resource type \"frobnicators\"\n", unknownKind.Stderr);

        var malformed = Path.Combine(Up.Folder, "broken.yaml");
        await File.WriteAllTextAsync(malformed, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n");
        var parse = await Up.Ctl("apply", "-f", malformed);
        Assert.Equal(1, parse.ExitCode);
        Assert.StartsWith($"error: error parsing {malformed}: document 0:", parse.Stderr);
        Assert.Contains("line", parse.Stderr, StringComparison.OrdinalIgnoreCase);

        var path = Path.Combine(Up.Folder, "twice.yaml");
        await File.WriteAllTextAsync(path, ConfigMap.Replace("greeting", "twice"));
        Assert.Equal(0, (await Up.Ctl("create", "-f", path)).ExitCode);
        var again = await Up.Ctl("create", "-f", path);
        Assert.Equal(1, again.ExitCode);
        Assert.Equal("Error from server (AlreadyExists): configmaps \"twice\" already exists\n", again.Stderr);

        // A replace carrying an old resourceVersion is refused, as an optimistic-concurrency client expects.
        var stale = (await Up.Ctl("get", "cm", "twice", "-o", "json")).Stdout;
        Assert.Equal(0, (await Up.Ctl("label", "cm", "twice", "touched=yes")).ExitCode);
        var conflict = await Up.CtlWithInput(stale, "replace", "-f", "-");
        Assert.Equal(1, conflict.ExitCode);
        Assert.StartsWith("Error from server (Conflict): Operation cannot be fulfilled on configmaps \"twice\": the object has been modified", conflict.Stderr);
    }

    [Fact]
    public async Task Get_nodes_shows_the_up_node_Ready()
    {
        // The agent registers its Node right after the process starts; wait for it rather than race it.
        await AwaitAssertAsync(async () =>
        {
            var nodes = await Up.Ctl("get", "nodes");
            Assert.True(nodes.ExitCode == 0, nodes.ToString());
            Assert.Matches($@"(?m)^{Up.NodeName}\s+Ready\s+<none>\s+\d+[smh]\S*\s+\S+$", nodes.Stdout);
        }, Dilated(TimeSpan.FromSeconds(60)), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Cluster_members_shows_orch_up_as_the_one_Up_member_in_a_table_and_as_yaml()
    {
        var table = await Up.Ctl("cluster", "members");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches($@"^ADDRESS\s+STATUS\s+ROLES\s+UP-NUMBER\s+NOTES\n{Up.Address.Replace(".", @"\.", StringComparison.Ordinal)}\s+Up\s+control-plane\s+1\s+oldest,leader,answering\n$", table.Stdout);

        var yaml = await Up.Ctl("cluster", "members", "-o", "yaml");
        Assert.True(yaml.ExitCode == 0, yaml.ToString());
        Assert.Contains($"- address: {Up.Address}\n  status: Up\n  reachable: true\n  roles:\n  - control-plane\n  upNumber: 1\n  leader: true\n  oldest: true\n", yaml.Stdout);
    }

    [Fact]
    public async Task A_client_configuration_with_another_secret_is_refused()
    {
        var original = await File.ReadAllTextAsync(Path.Combine(Up.Folder, ".orch", "client.conf"));
        var forged = Path.Combine(Up.Folder, "forged.conf");
        await File.WriteAllTextAsync(forged, System.Text.RegularExpressions.Regex.Replace(original, "cluster-secret = \"[0-9a-f]+\"", "cluster-secret = \"not-the-secret\""));
        var result = await Up.Ctl("get", "pods", "--config", forged, "--request-timeout", "5");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("did not answer", result.Stderr);
        Assert.Contains("cluster secret", result.Stderr);
    }
}
