using System.Text;
using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Pods;

namespace Orchestrator.NodeAgent.Tests.Pods;

/// <summary>Table tests of ConfigMap and Secret references: env, envFrom, missing references and projected files.</summary>
public sealed class PodDependenciesTests
{
    private static IReadOnlyDictionary<string, byte[]> Data(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => Encoding.UTF8.GetBytes(e.Value));

    private static PodDependencies Deps(IReadOnlyDictionary<string, byte[]>? configMap, IReadOnlyDictionary<string, byte[]>? secret) =>
        new(new Dictionary<string, IReadOnlyDictionary<string, byte[]>?> { ["cm"] = configMap },
            new Dictionary<string, IReadOnlyDictionary<string, byte[]>?> { ["sec"] = secret });

    private static (Pod Pod, Container Container) PodWith(Action<Container> configure)
    {
        var container = TestPods.Idle("app");
        configure(container);
        var pod = TestPods.With("p", container);
        pod.Metadata.Uid = "uid-1";
        return (pod, container);
    }

    [Fact]
    public void EnvFrom_comes_first_with_its_prefix_and_env_overrides_it()
    {
        var (pod, container) = PodWith(c =>
        {
            c.EnvFrom = [new EnvFromSource { Prefix = "S_", SecretRef = new() { Name = "sec" } }, new EnvFromSource { ConfigMapRef = new() { Name = "cm" } }];
            c.Env =
            [
                new EnvVar { Name = "mode", Value = "override" },
                new EnvVar { Name = "FROM_CM", ValueFrom = new() { ConfigMapKeyRef = new() { Name = "cm", Key = "mode" } } },
                new EnvVar { Name = "OPT", ValueFrom = new() { SecretKeyRef = new() { Name = "sec", Key = "absent", Optional = true } } },
            ];
        });
        var deps = Deps(Data(("mode", "fast")), Data(("user", "admin")));

        var env = ContainerLaunchBuilder.ResolveEnv(pod, container, null, deps);

        Assert.Equal(["S_user=admin", "mode=fast", "mode=override", "FROM_CM=fast"], env.Select(e => $"{e.Key}={e.Value}"));
        Assert.Null(deps.MissingFor(pod, container));
    }

    [Theory]
    [InlineData(false, true, "configmap \"cm\" not found")]
    [InlineData(true, false, "secret \"sec\" not found")]
    [InlineData(true, true, "couldn't find key missing in ConfigMap cm")]
    public void A_missing_non_optional_reference_is_named(bool configMapExists, bool secretExists, string expected)
    {
        var (pod, container) = PodWith(c => c.Env =
        [
            new EnvVar { Name = "A", ValueFrom = new() { ConfigMapKeyRef = new() { Name = "cm", Key = configMapExists && secretExists ? "missing" : "k" } } },
            new EnvVar { Name = "B", ValueFrom = new() { SecretKeyRef = new() { Name = "sec", Key = "k" } } },
        ]);
        var deps = Deps(configMapExists ? Data(("k", "v")) : null, secretExists ? Data(("k", "v")) : null);

        Assert.Equal(expected, deps.MissingFor(pod, container));
    }

    [Fact]
    public void Optional_references_never_block()
    {
        var (pod, container) = PodWith(c =>
        {
            c.EnvFrom = [new EnvFromSource { ConfigMapRef = new() { Name = "cm", Optional = true } }];
            c.Env = [new EnvVar { Name = "B", ValueFrom = new() { SecretKeyRef = new() { Name = "sec", Key = "k", Optional = true } } }];
        });

        Assert.Null(Deps(null, null).MissingFor(pod, container));
        Assert.Empty(ContainerLaunchBuilder.ResolveEnv(pod, container, null, Deps(null, null)));
    }

    [Fact]
    public void References_are_collected_from_env_envFrom_and_volumes()
    {
        var (pod, _) = PodWith(c => c.EnvFrom = [new EnvFromSource { SecretRef = new() { Name = "s1" } }]);
        pod.Spec.Volumes = [new Volume { Name = "v", ConfigMap = new() { Name = "c1" } }, new Volume { Name = "w", Secret = new() { SecretName = "s2" } }];

        var (configMaps, secrets) = PodDependencies.Referenced(pod);

        Assert.Equal(["c1"], configMaps);
        Assert.Equal(["s1", "s2"], secrets);
    }

    [Fact]
    public void Volume_files_are_every_key_or_only_the_items_with_their_modes()
    {
        var data = Data(("a", "1"), ("b", "2"));

        var all = VolumeProjector.Files(data, null, null);
        var some = VolumeProjector.Files(data, [new KeyToPath { Key = "b", Path = "sub/b.txt", Mode = 256 }], 292);

        Assert.Equal(["a:420", "b:420"], all.Select(f => $"{f.Path}:{f.Mode}").Order());
        var only = Assert.Single(some);
        Assert.Equal(("sub/b.txt", "2", 256), (only.Path, Encoding.UTF8.GetString(only.Content), only.Mode));
        Assert.Throws<InvalidOperationException>(() => VolumeProjector.Files(data, [new KeyToPath { Key = "a", Path = "../escape" }], null));
    }

    [Fact]
    public void ConfigMap_and_Secret_volumes_mount_read_only_from_the_pods_volume_directory()
    {
        var (pod, container) = PodWith(c => c.VolumeMounts = [new VolumeMount { Name = "cfg", MountPath = "/etc/cfg" }]);
        pod.Spec.Volumes = [new Volume { Name = "cfg", ConfigMap = new() { Name = "cm" } }];

        var launch = ContainerLaunchBuilder.Build(pod, container, false, 0, null, "/var/pods/uid-1/volumes", Deps(Data(("k", "v")), null));

        var mount = Assert.Single(launch.Mounts);
        Assert.Equal(("/var/pods/uid-1/volumes/cfg", "/etc/cfg", true), (mount.HostPath, mount.ContainerPath, mount.ReadOnly));
    }

    [Fact]
    public void Secret_data_wins_from_stringData()
    {
        var secret = new Secret { Data = new() { ["k"] = Encoding.UTF8.GetBytes("old"), ["x"] = [1, 2] }, StringData = new() { ["k"] = "new" } };

        var data = PodDependencies.DataOf(secret);

        Assert.Equal("new", Encoding.UTF8.GetString(data["k"]));
        Assert.Equal(new byte[] { 1, 2 }, data["x"]);
    }
}
