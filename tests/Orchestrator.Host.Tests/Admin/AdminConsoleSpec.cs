using System.Text.Json.Nodes;
using Orchestrator.Actors.Admin;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Front;
using Orchestrator.Actors.Store.Settings;
using Orchestrator.Model;
using Orchestrator.Model.Serialization;
using Orchestrator.Runtime;

namespace Orchestrator.Host.Tests.Admin;

/// <summary>The admin console against a real object store on the memory journal: what each command does to the objects.</summary>
public sealed class AdminConsoleSpec : TestKit.TestKit
{
    private readonly IActorRef _store;
    private readonly IActorRef _console;

    public AdminConsoleSpec()
        : base("""
            orchestrator.persistence.journal.plugin = memory
            orchestrator.persistence.snapshot-store.plugin = memory
            orchestrator.loglevel = Warning
            """)
    {
        _store = Sys.ActorOf(ObjectStore.Props(StoreSettings.From(Sys.Config)), "store");
        _console = Sys.ActorOf(AdminConsole.Props(_store, null, AdminSettings.From(Sys.Config)), "admin");
    }

    private TimeSpan Timeout => Dilated(TimeSpan.FromSeconds(15));

    private Task<T> Ask<T>(IAdminRequest request) => _console.Ask<T>(request, Timeout);

    private Task<AdminResult> Apply(params string[] yaml) =>
        Ask<AdminResult>(new WriteObjects(yaml.SelectMany(y => ManifestSerializer.Default.Read(y).Documents).Select(d => d.Node.ToJsonString()).ToList(), null, WriteMode.Apply));

    private async Task<JsonObject> GetOne(string resource, string name, string? ns = null)
    {
        var found = await Ask<ObjectsFound>(new GetObjects(new ResourceQuery(resource, ns, Names: [name])));
        Assert.Empty(found.Errors);
        return (JsonObject)JsonNode.Parse(Assert.Single(found.Items))!;
    }

    private static string Web(string image, string extraLabel = "") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            app: web
            {extraLabel}
        spec:
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
                - name: web
                  image: {image}
        """;

    [Fact]
    public async Task Apply_creates_then_reports_unchanged_then_configures_by_three_way_merge()
    {
        Assert.Equal(["created"], (await Apply(Web("busybox:1", "tier: fe"))).Outcomes.Select(o => o.Action));
        Assert.Equal(["unchanged"], (await Apply(Web("busybox:1", "tier: fe"))).Outcomes.Select(o => o.Action));

        var scaled = await Ask<AdminResult>(new ScaleObjects(new ResourceQuery("deploy", Names: ["web"]), 5));
        Assert.Equal("deployment.apps/web scaled", $"{scaled.Outcomes[0].Resource}/{scaled.Outcomes[0].Name} {scaled.Outcomes[0].Action}");

        var configured = await Apply(Web("busybox:2"));
        Assert.Equal(["configured"], configured.Outcomes.Select(o => o.Action));
        var live = await GetOne("deployments", "web");
        Assert.Equal(5, live["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("busybox:2", live["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.False(live["metadata"]!["labels"]!.AsObject().ContainsKey("tier"));
        Assert.NotNull(live["metadata"]!["annotations"]![ApplyPlan.LastAppliedAnnotation]);
    }

    [Fact]
    public async Task Objects_are_applied_in_file_order_so_a_namespace_comes_before_what_is_in_it()
    {
        var result = await Apply("""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: shop
            data:
              color: blue
            """);
        Assert.Equal(["namespace/shop created", "configmap/settings created"], result.Outcomes.Select(o => $"{o.Resource}/{o.Name} {o.Action}"));
        Assert.Equal("blue", (await GetOne("cm", "settings", "shop"))["data"]!["color"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_of_an_existing_object_is_AlreadyExists_and_an_unknown_kind_is_named()
    {
        var manifest = ManifestSerializer.Default.Read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n").Documents[0].Node.ToJsonString();
        await Ask<AdminResult>(new WriteObjects([manifest], null, WriteMode.Create));
        var again = await Ask<AdminResult>(new WriteObjects([manifest], null, WriteMode.Create));
        Assert.Equal(new AdminError("AlreadyExists", 409, "configmaps \"c\" already exists"), again.Outcomes[0].Error);

        var unknown = await Ask<AdminResult>(new WriteObjects(["""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"}}"""], null, WriteMode.Apply));
        Assert.Equal("no matches for kind \"Widget\" in version \"example.com/v1\"", unknown.Outcomes[0].Error!.Message);
    }

    [Fact]
    public async Task Replace_with_a_stale_resourceVersion_is_a_Conflict()
    {
        await Apply("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: \"1\"\n");
        var stale = await GetOne("configmaps", "c");
        await Apply("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: \"2\"\n");

        stale["data"]!["a"] = "3";
        var replaced = await Ask<AdminResult>(new WriteObjects([stale.ToJsonString()], null, WriteMode.Replace));
        var error = replaced.Outcomes[0].Error!;
        Assert.Equal("Conflict", error.Reason);
        Assert.Contains("the object has been modified", error.Message);
    }

    [Fact]
    public async Task Get_of_a_missing_name_is_NotFound_and_of_an_unknown_type_says_so()
    {
        var found = await Ask<ObjectsFound>(new GetObjects(new ResourceQuery("po", Names: ["nope"])));
        Assert.Equal(new AdminError("NotFound", 404, "pods \"nope\" not found"), Assert.Single(found.Errors));

        var unknown = await Ask<ObjectsFound>(new GetObjects(new ResourceQuery("frobs")));
        Assert.Equal("the server doesn't have a resource type \"frobs\"", unknown.Error!.Message);
    }

    [Fact]
    public async Task Get_lists_by_label_selector_in_one_namespace_or_all()
    {
        await Apply("""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: other
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a, labels: {app: web}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: b, labels: {app: db}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c, namespace: other, labels: {app: web}}
            """);
        static IEnumerable<string> Names(ObjectsFound f) => f.Items.Select(i => JsonNode.Parse(i)!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(["a"], Names(await Ask<ObjectsFound>(new GetObjects(new ResourceQuery("cm", LabelSelector: "app=web")))));
        Assert.Equal(["a", "c"], Names(await Ask<ObjectsFound>(new GetObjects(new ResourceQuery("cm", AllNamespaces: true, LabelSelector: "app=web")))).Order());
    }

    [Fact]
    public async Task Delete_by_selector_deletes_only_the_matches_and_delete_without_a_selection_is_refused()
    {
        await Apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {app: web}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, labels: {app: db}}\n");
        var deleted = await Ask<AdminResult>(new DeleteObjects(new ResourceQuery("cm", LabelSelector: "app=web"), All: false));
        Assert.Equal(["a"], deleted.Outcomes.Select(o => o.Name));
        Assert.NotEmpty((await Ask<ObjectsFound>(new GetObjects(new ResourceQuery("cm", Names: ["a"])))).Errors);
        Assert.Empty((await Ask<ObjectsFound>(new GetObjects(new ResourceQuery("cm", Names: ["b"])))).Errors);

        var refused = await Ask<AdminResult>(new DeleteObjects(new ResourceQuery("cm"), All: false));
        Assert.Equal("resource(s) were provided, but no name was specified", refused.Error!.Message);
        var badCascade = await Ask<AdminResult>(new DeleteObjects(new ResourceQuery("cm", Names: ["b"]), false, "sideways"));
        Assert.Contains("invalid cascade value (sideways)", badCascade.Error!.Message);
    }

    [Fact]
    public async Task Label_refuses_to_change_a_value_without_overwrite_and_removes_a_key_with_a_dash()
    {
        await Apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {app: web, tier: fe}}\n");
        var query = new ResourceQuery("cm", Names: ["a"]);
        var refused = await Ask<AdminResult>(new ChangeMetadata(query, false, new Dictionary<string, string?> { ["app"] = "db" }, Overwrite: false));
        Assert.Equal("'app' already has a value (web), and --overwrite is false", refused.Outcomes[0].Error!.Message);

        var changed = await Ask<AdminResult>(new ChangeMetadata(query, false, new Dictionary<string, string?> { ["app"] = "db", ["tier"] = null }, Overwrite: true));
        Assert.Equal("labeled", changed.Outcomes[0].Action);
        var labels = (await GetOne("cm", "a"))["metadata"]!["labels"]!.AsObject();
        Assert.Equal("db", labels["app"]!.GetValue<string>());
        Assert.False(labels.ContainsKey("tier"));

        var annotated = await Ask<AdminResult>(new ChangeMetadata(query, true, new Dictionary<string, string?> { ["note"] = "hi" }, false));
        Assert.Equal("annotated", annotated.Outcomes[0].Action);
        Assert.Equal("hi", (await GetOne("cm", "a"))["metadata"]!["annotations"]!["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cordon_marks_the_node_unschedulable_once_and_drain_evicts_only_managed_pods_unless_forced()
    {
        await Apply("apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n",
            "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  replicas: 0\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: busybox}]}\n");
        // A live owner: the garbage collector removes pods whose controller does not exist.
        var owner = (await GetOne("rs", "rs"))["metadata"]!["uid"]!.GetValue<string>();
        await Apply(Pod("managed", "n1", owner), Pod("bare", "n1", null), Pod("elsewhere", "n2", owner));

        Assert.Equal("cordoned", (await Ask<AdminResult>(new CordonNode("n1", true))).Outcomes[0].Action);
        Assert.Equal("already cordoned", (await Ask<AdminResult>(new CordonNode("n1", true))).Outcomes[0].Action);
        Assert.Equal("true", (await GetOne("no", "n1"))["spec"]!["unschedulable"]!.ToJsonString());

        var refused = await Ask<AdminResult>(new DrainNode("n1", IgnoreDaemonSets: true, Force: false, GracePeriodSeconds: 0));
        Assert.Contains("cannot delete Pods that declare no controller (use --force to override): default/bare", refused.Error!.Message);
        Assert.DoesNotContain(refused.Outcomes, o => o.Action == "evicted");

        var drained = await Ask<AdminResult>(new DrainNode("n1", IgnoreDaemonSets: true, Force: true, GracePeriodSeconds: 0));
        Assert.Null(drained.Error);
        Assert.Equal(["bare", "managed"], drained.Outcomes.Where(o => o.Action == "evicted").Select(o => o.Name).Order());
        Assert.Empty((await Ask<ObjectsFound>(new GetObjects(new ResourceQuery("po", Names: ["elsewhere"])))).Errors);

        Assert.Equal("uncordoned", (await Ask<AdminResult>(new CordonNode("n1", false))).Outcomes[0].Action);
    }

    [Fact]
    public async Task Rollout_history_lists_revisions_and_undo_returns_the_template_of_the_previous_one()
    {
        await Apply(Web("busybox:2"));
        var deployment = await GetOne("deploy", "web");
        var uid = deployment["metadata"]!["uid"]!.GetValue<string>();
        await Apply(ReplicaSet("web-1", uid, revision: 1, "busybox:1"), ReplicaSet("web-2", uid, revision: 2, "busybox:2"));

        var history = await Ask<RolloutHistory>(new RolloutCommand(new ResourceQuery("deploy", Names: ["web"]), RolloutAction.History));
        Assert.Equal([1L, 2L], history.Revisions.Select(r => r.Revision));
        Assert.Equal("first", history.Revisions[0].ChangeCause);

        var undone = await Ask<AdminResult>(new RolloutCommand(new ResourceQuery("deploy", Names: ["web"]), RolloutAction.Undo));
        Assert.Equal("rolled back", undone.Outcomes[0].Action);
        var template = (await GetOne("deploy", "web"))["spec"]!["template"]!;
        Assert.Equal("busybox:1", template["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.False(template["metadata"]!["labels"]!.AsObject().ContainsKey("pod-template-hash"));

        var missing = await Ask<AdminResult>(new RolloutCommand(new ResourceQuery("deploy", Names: ["web"]), RolloutAction.Undo, ToRevision: 7));
        Assert.Equal("unable to find specified revision 7 in history", missing.Outcomes[0].Error!.Message);
    }

    [Fact]
    public async Task Rollout_pause_resume_and_restart_change_the_spec_the_controller_reads()
    {
        await Apply(Web("busybox:1"));
        var query = new ResourceQuery("deploy", Names: ["web"]);
        Assert.Equal("paused", (await Ask<AdminResult>(new RolloutCommand(query, RolloutAction.Pause))).Outcomes[0].Action);
        Assert.Equal("true", (await GetOne("deploy", "web"))["spec"]!["paused"]!.ToJsonString());
        Assert.Contains("already paused", (await Ask<AdminResult>(new RolloutCommand(query, RolloutAction.Pause))).Outcomes[0].Error!.Message);
        Assert.Equal("resumed", (await Ask<AdminResult>(new RolloutCommand(query, RolloutAction.Resume))).Outcomes[0].Action);
        Assert.Equal("restarted", (await Ask<AdminResult>(new RolloutCommand(query, RolloutAction.Restart))).Outcomes[0].Action);
        Assert.NotNull((await GetOne("deploy", "web"))["spec"]!["template"]!["metadata"]!["annotations"]!["kubectl.kubernetes.io/restartedAt"]);
    }

    [Fact]
    public async Task Describe_returns_the_object_with_its_events()
    {
        await Apply(Pod("p", "n1", null));
        var uid = (await GetOne("po", "p"))["metadata"]!["uid"]!.GetValue<string>();
        await Apply($$"""
            apiVersion: v1
            kind: Event
            metadata: {name: p.1}
            involvedObject: {kind: Pod, name: p, namespace: default, uid: "{{uid}}"}
            reason: Pulled
            message: pulled the image
            type: Normal
            """, """
            apiVersion: v1
            kind: Event
            metadata: {name: other.1}
            involvedObject: {kind: Pod, name: other, namespace: default}
            reason: Pulled
            type: Normal
            """);

        var described = await Ask<ObjectsDescribed>(new DescribeObjects(new ResourceQuery("po", Names: ["p"])));
        var item = Assert.Single(described.Objects);
        Assert.Equal("Pulled", JsonNode.Parse(Assert.Single(item.Events))!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_watch_streams_changes_to_the_client_until_it_stops_watching()
    {
        var client = CreateTestProbe();
        _console.Tell(new WatchResources(new ResourceQuery("cm"), null), client.Ref);
        var opened = client.ExpectMsg<WatchOpened>(Timeout);
        Assert.Equal("ConfigMap", opened.Kind);

        await Apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: w}\n");
        var added = client.ExpectMsg<ObjectWatched>(Timeout);
        Assert.Equal("ADDED", added.Type);
        Assert.Equal("w", JsonNode.Parse(added.Object)!["metadata"]!["name"]!.GetValue<string>());

        client.Watch(opened.Watch);
        opened.Watch.Tell(new StopWatching(), client.Ref);
        client.ExpectTerminated(opened.Watch, Timeout);
    }

    private static string Pod(string name, string node, string? ownerUid) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
          {{(ownerUid is not null ? $"ownerReferences: [{{apiVersion: apps/v1, kind: ReplicaSet, name: rs, uid: \"{ownerUid}\", controller: true}}]" : "labels: {bare: \"yes\"}")}}
        spec:
          nodeName: {{node}}
          containers: [{name: c, image: busybox}]
        """;

    private static string ReplicaSet(string name, string ownerUid, int revision, string image) => $$"""
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: {{name}}
          annotations:
            deployment.kubernetes.io/revision: "{{revision}}"
            {{(revision == 1 ? "kubernetes.io/change-cause: first" : "")}}
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: "{{ownerUid}}", controller: true}]
        spec:
          replicas: 0
          selector: {matchLabels: {app: web, pod-template-hash: h{{revision}} } }
          template:
            metadata: {labels: {app: web, pod-template-hash: h{{revision}} } }
            spec:
              containers: [{name: web, image: "{{image}}"}]
        """;
}
