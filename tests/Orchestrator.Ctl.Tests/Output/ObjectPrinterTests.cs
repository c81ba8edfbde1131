using System.Text.Json.Nodes;
using Orchestrator.Ctl.Output;
using Orchestrator.Model.Registry;
using static Orchestrator.Ctl.Tests.Output.TestObjects;

namespace Orchestrator.Ctl.Tests.Output;

public sealed class ObjectPrinterTests
{
    private static ResourceType Type(string name) => ResourceRegistry.Default.Resolve(name)[0];

    [Fact]
    public void Pods_print_name_ready_status_restarts_and_age()
    {
        var text = new ObjectPrinter(OutputFormat.Table, false).Print(Type("po"), [RunningPod("web-1", restarts: 2), WaitingPod("web-2", "CrashLoopBackOff")], Now);
        Assert.Equal(
            "NAME    READY   STATUS             RESTARTS   AGE\n" +
            "web-1   1/1     Running            2          2m5s\n" +
            "web-2   1/2     CrashLoopBackOff   4          10s\n",
            text);
    }

    [Fact]
    public void Wide_pods_add_ip_and_node_and_all_namespaces_put_the_namespace_first()
    {
        var text = new ObjectPrinter(OutputFormat.Wide, allNamespaces: true).Print(Type("pods"), [RunningPod("web-1", "shop")], Now);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED", "NODE", "READINESS", "GATES"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("shop        web-1   1/1     Running   0          2m5s   172.17.0.5   n1     <none>", lines[1]);
    }

    [Fact]
    public void Deployments_print_ready_up_to_date_and_available()
    {
        var text = new ObjectPrinter(OutputFormat.Table, false).Print(Type("deploy"), [Deployment("hello", 3, 2, 3, 2)], Now);
        Assert.Equal("NAME    READY   UP-TO-DATE   AVAILABLE   AGE\nhello   2/3     3            2           3d\n", text);
    }

    [Fact]
    public void Nodes_print_status_with_scheduling_disabled_roles_and_version()
    {
        var text = new ObjectPrinter(OutputFormat.Table, false).Print(Type("no"), [Node("n1", true, true), Node("n2", false, false)], Now);
        Assert.Equal(
            "NAME   STATUS                     ROLES           AGE   VERSION\n" +
            "n1     Ready,SchedulingDisabled   control-plane   3h    orchestrator-1.0.0\n" +
            "n2     NotReady                   control-plane   3h    orchestrator-1.0.0\n",
            text);
    }

    [Fact]
    public void Several_kinds_in_one_get_name_their_rows_kind_slash_name()
    {
        var text = new ObjectPrinter(OutputFormat.Table, false).Print(Type("deploy"), [Deployment("hello", 1, 1, 1, 1)], Now, prefixNames: true);
        Assert.Contains("deployment.apps/hello", text);
    }

    [Fact]
    public void Json_of_several_objects_is_a_v1_List_and_of_one_named_object_the_object_itself()
    {
        var printer = new ObjectPrinter(OutputFormat.Json, false);
        var list = JsonNode.Parse(printer.Print(Type("po"), [RunningPod("a"), RunningPod("b")], Now))!;
        Assert.Equal("List", list["kind"]!.GetValue<string>());
        Assert.Equal("v1", list["apiVersion"]!.GetValue<string>());
        Assert.Equal(["a", "b"], list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));

        var single = JsonNode.Parse(printer.Print(Type("po"), [RunningPod("a")], Now, single: true))!;
        Assert.Equal("Pod", single["kind"]!.GetValue<string>());
        Assert.Equal("docker://abc", single["status"]!["containerStatuses"]![0]!["containerID"]!.GetValue<string>());
    }

    [Fact]
    public void Yaml_prints_kubernetes_shaped_documents()
    {
        var yaml = new ObjectPrinter(OutputFormat.Yaml, false).Print(Type("po"), [RunningPod("a")], Now, single: true);
        Assert.StartsWith("apiVersion: v1\nkind: Pod\nmetadata:\n", yaml);
    }

    [Fact]
    public void Name_output_is_the_singular_resource_with_its_group()
    {
        Assert.Equal("deployment.apps/hello\n", new ObjectPrinter(OutputFormat.Name, false).Print(Type("deploy"), [Deployment("hello", 1, 1, 1, 1)], Now));
        Assert.Equal("pod/a\n", new ObjectPrinter(OutputFormat.Name, false).Print(Type("po"), [RunningPod("a")], Now));
    }

    [Fact]
    public void Kinds_without_their_own_columns_print_name_and_age()
    {
        var lease = Parse("""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"r","namespace":"default","creationTimestamp":"2026-05-01T11:59:00Z"}}""");
        Assert.Equal("NAME   AGE\nr      60s\n", new ObjectPrinter(OutputFormat.Table, false).Print(Type("roles"), [lease], Now));
    }

    [Fact]
    public void An_unknown_output_format_is_refused_with_the_allowed_ones()
    {
        var error = Assert.Throws<Connection.CtlException>(() => OutputFormats.Parse("xml"));
        Assert.Equal("error: unable to match a printer suitable for the output format \"xml\", allowed formats are: json,name,wide,yaml", error.Message);
    }
}
