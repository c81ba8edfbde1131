using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Tests.Support;

/// <summary>Builders for pods and pod specs shared by the tests.</summary>
internal static class TestPods
{
    public static Container Container(string name = "web", string? image = "nginx:1.27") => new()
    {
        Name = name,
        Image = image,
    };

    public static PodSpec Spec(params Container[] containers) => new()
    {
        Containers = containers.Length == 0 ? [Container()] : [.. containers],
    };

    public static Pod WithContainer(Container container, string name = "web-0", string? ns = "default") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = new() { ["app"] = "web" } },
        Spec = Spec(container),
    };

    public static Pod Valid(string name = "web-0") => WithContainer(Container(), name);

    public static PodTemplateSpec Template(Dictionary<string, string>? labels = null, params Container[] containers) => new()
    {
        Metadata = new ObjectMeta { Labels = labels ?? new() { ["app"] = "web" } },
        Spec = Spec(containers),
    };

    public static ResourceRequirements Resources(string cpuRequest, string memoryRequest, string? cpuLimit = null, string? memoryLimit = null)
    {
        var resources = new ResourceRequirements
        {
            Requests = new() { ["cpu"] = Quantity.Parse(cpuRequest), ["memory"] = Quantity.Parse(memoryRequest) },
        };
        if (cpuLimit is not null || memoryLimit is not null)
        {
            resources.Limits = [];
            if (cpuLimit is not null)
            {
                resources.Limits["cpu"] = Quantity.Parse(cpuLimit);
            }

            if (memoryLimit is not null)
            {
                resources.Limits["memory"] = Quantity.Parse(memoryLimit);
            }
        }

        return resources;
    }
}
