using FsCheck;
using FsCheck.Fluent;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;

namespace Orchestrator.Model.Tests.Support;

/// <summary>FsCheck generators of pods whose lists exercise strategic merge keys.</summary>
internal static class PodGenerators
{
    private static readonly string[] _containerNames = ["web", "sidecar", "logger", "proxy"];
    private static readonly string[] _envNames = ["A", "B", "C", "D"];
    private static readonly string[] _finalizers = ["example.com/a", "example.com/b", "example.com/c"];

    private static Gen<List<string>> ShuffledSubset(string[] pool) =>
        Gen.SubListOf(pool).SelectMany(subset => Gen.Shuffle(subset.ToArray())).Select(items => items.ToList());

    private static Gen<List<EnvVar>> Env =>
        ShuffledSubset(_envNames).SelectMany(names => Gen.ArrayOf(Gen.Elements("1", "2"), names.Count)
            .Select(values => names.Zip(values).Select(p => new EnvVar { Name = p.First, Value = p.Second }).ToList()));

    private static Gen<Container> Container(string name) =>
        from image in Gen.Elements("nginx:1", "nginx:2", "envoy:1")
        from env in Env
        from ports in Gen.SubListOf(new[] { 80, 443, 8080 })
        select new Container
        {
            Name = name,
            Image = image,
            Env = env.Count == 0 ? null : env,
            Ports = ports.Count == 0 ? null : ports.Select(p => new ContainerPort { Port = p }).ToList(),
        };

    public static Gen<Pod> Pod =>
        from names in ShuffledSubset(_containerNames)
        from containers in Gen.CollectToArray(names, Container)
        from finalizers in ShuffledSubset(_finalizers)
        from tolerate in Gen.Elements(true, false)
        select new Pod
        {
            Metadata = new ObjectMeta { Name = "p", Finalizers = finalizers.Count == 0 ? null : finalizers },
            Spec = new PodSpec
            {
                Containers = containers.ToList(),
                Tolerations = tolerate ? [new Toleration { Key = "gpu", Operator = "Exists" }] : null,
            },
        };
}
