using System.Diagnostics.CodeAnalysis;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Autoscaling.V2;
using Orchestrator.Model.Batch.V1;
using Orchestrator.Model.Coordination.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Metrics.V1beta1;
using Orchestrator.Model.Networking.V1;
using Orchestrator.Model.Rbac.V1;

namespace Orchestrator.Model.Registry;

/// <summary>Maps (apiVersion, kind) to CLR types and back, and resolves the resource names kubectl accepts.</summary>
public sealed class ResourceRegistry
{
    private readonly List<ResourceType> _types = [];
    private readonly Dictionary<(string ApiVersion, string Kind), ResourceType> _byKind = [];
    private readonly Dictionary<Type, ResourceType> _byClrType = [];

    /// <summary>Creates a registry of the given kinds.</summary>
    public ResourceRegistry(IEnumerable<ResourceType> types)
    {
        foreach (var type in types)
        {
            Add(type);
        }
    }

    /// <summary>Every built-in kind of the model.</summary>
    public static ResourceRegistry Default { get; } = new(BuiltInTypes());

    /// <summary>All registered kinds, in registration order.</summary>
    public IReadOnlyList<ResourceType> All => _types;

    /// <summary>Registers a kind; throws when its (apiVersion, kind) or CLR type is already registered.</summary>
    public void Add(ResourceType type)
    {
        if (!typeof(IKubernetesObject).IsAssignableFrom(type.ClrType))
        {
            throw new ArgumentException($"{type.ClrType} does not implement {nameof(IKubernetesObject)}", nameof(type));
        }

        if (!_byKind.TryAdd((type.ApiVersion, type.Kind), type))
        {
            throw new ArgumentException($"{type.ApiVersion}/{type.Kind} is already registered", nameof(type));
        }

        _byClrType.TryAdd(type.ClrType, type);
        _types.Add(type);
    }

    /// <summary>Finds the kind for an apiVersion and kind as written in a manifest.</summary>
    public bool TryGetByKind(string apiVersion, string kind, [NotNullWhen(true)] out ResourceType? type) =>
        _byKind.TryGetValue((apiVersion, kind), out type);

    /// <summary>Finds the kind of a CLR type.</summary>
    public bool TryGetByClrType(Type clrType, [NotNullWhen(true)] out ResourceType? type) =>
        _byClrType.TryGetValue(clrType, out type);

    /// <summary>The kind of <typeparamref name="T"/>; throws when it is not registered.</summary>
    public ResourceType Get<T>()
        where T : IKubernetesObject =>
        TryGetByClrType(typeof(T), out var type)
            ? type
            : throw new KeyNotFoundException($"{typeof(T)} is not a registered kind");

    /// <summary>
    /// Resolves a name as kubectl accepts it: plural ("pods"), singular ("pod"), short name ("po"), kind
    /// ("Pod", case-insensitive), each optionally qualified by group ("deployments.apps").
    /// Returns every match (more than one only when the same name exists in several groups). As in Kubernetes'
    /// discovery order, an unqualified name that names a core kind resolves to it alone ("pods" is core/v1 Pod,
    /// not metrics.k8s.io PodMetrics, which must be named "pods.metrics.k8s.io").
    /// </summary>
    public IReadOnlyList<ResourceType> Resolve(string name)
    {
        var lowered = name.Trim().ToLowerInvariant();
        var exact = _types.Where(t => Names(t).Contains(lowered)).ToList();
        if (exact.Count > 0)
        {
            var core = exact.Where(t => t.Group.Length == 0).ToList();
            return core.Count > 0 ? core : exact;
        }

        return _types
            .Where(t => t.Group.Length > 0 && lowered.EndsWith("." + t.Group, StringComparison.Ordinal)
                && Names(t).Contains(lowered[..^(t.Group.Length + 1)]))
            .ToList();
    }

    /// <summary>Resolves a name that must denote exactly one kind; see <see cref="Resolve"/>.</summary>
    public bool TryResolve(string name, [NotNullWhen(true)] out ResourceType? type)
    {
        var matches = Resolve(name);
        type = matches.Count == 1 ? matches[0] : null;
        return type is not null;
    }

    private static IEnumerable<string> Names(ResourceType type) =>
        type.ShortNames.Append(type.Plural).Append(type.Singular).Append(type.Kind.ToLowerInvariant());

    private static IEnumerable<ResourceType> BuiltInTypes()
    {
        const string apps = "apps";
        const string batch = "batch";
        const string rbac = "rbac.authorization.k8s.io";
        yield return Core<Pod>("pods", "pod", true, "po");
        yield return Core<Node>("nodes", "node", false, "no");
        yield return Core<Core.V1.Namespace>("namespaces", "namespace", false, "ns");
        yield return Core<Service>("services", "service", true, "svc");
        yield return Core<Endpoints>("endpoints", "endpoints", true, "ep");
        yield return Core<ConfigMap>("configmaps", "configmap", true, "cm");
        yield return Core<Secret>("secrets", "secret", true);
        yield return Core<ServiceAccount>("serviceaccounts", "serviceaccount", true, "sa");
        yield return Core<Event>("events", "event", true, "ev");
        yield return Core<ResourceQuota>("resourcequotas", "resourcequota", true, "quota");
        yield return Core<LimitRange>("limitranges", "limitrange", true, "limits");
        yield return Core<PersistentVolumeClaim>("persistentvolumeclaims", "persistentvolumeclaim", true, "pvc");
        yield return Grouped<ReplicaSet>(apps, "v1", "replicasets", "replicaset", true, "rs");
        yield return Grouped<Deployment>(apps, "v1", "deployments", "deployment", true, "deploy");
        yield return Grouped<StatefulSet>(apps, "v1", "statefulsets", "statefulset", true, "sts");
        yield return Grouped<DaemonSet>(apps, "v1", "daemonsets", "daemonset", true, "ds");
        yield return Grouped<Job>(batch, "v1", "jobs", "job", true);
        yield return Grouped<CronJob>(batch, "v1", "cronjobs", "cronjob", true, "cj");
        yield return Grouped<HorizontalPodAutoscaler>("autoscaling", "v2", "horizontalpodautoscalers", "horizontalpodautoscaler", true, "hpa");
        yield return Grouped<Ingress>("networking.k8s.io", "v1", "ingresses", "ingress", true, "ing");
        yield return Grouped<Role>(rbac, "v1", "roles", "role", true);
        yield return Grouped<ClusterRole>(rbac, "v1", "clusterroles", "clusterrole", false);
        yield return Grouped<RoleBinding>(rbac, "v1", "rolebindings", "rolebinding", true);
        yield return Grouped<ClusterRoleBinding>(rbac, "v1", "clusterrolebindings", "clusterrolebinding", false);
        yield return Grouped<Lease>("coordination.k8s.io", "v1", "leases", "lease", true);
        yield return Grouped<PodMetrics>("metrics.k8s.io", "v1beta1", "pods", "pod", true);
        yield return Grouped<NodeMetrics>("metrics.k8s.io", "v1beta1", "nodes", "node", false);
    }

    private static ResourceType Core<T>(string plural, string singular, bool namespaced, params string[] shortNames)
        where T : KubernetesObject, new() =>
        Grouped<T>(string.Empty, "v1", plural, singular, namespaced, shortNames);

    private static ResourceType Grouped<T>(string group, string version, string plural, string singular, bool namespaced, params string[] shortNames)
        where T : KubernetesObject, new()
    {
        var kind = new T().Kind;
        return new ResourceType(group, version, kind, plural, singular, shortNames, namespaced, typeof(T));
    }
}
