using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Labels;

namespace Orchestrator.Actors.Controllers.Endpoints;

/// <summary>The Endpoints of a Service, as a pure function of the Service and its namespace's pods.</summary>
public static class EndpointsRules
{
    /// <summary>
    /// Subsets of <paramref name="service"/>'s endpoints: pods matching its selector that have an IP and are not
    /// terminating or finished, as <c>addresses</c> when ready (or when the Service publishes not-ready
    /// addresses) and <c>notReadyAddresses</c> otherwise; each port's targetPort resolved per pod (a named
    /// targetPort through the pod's container ports — a pod without that name is left out of that port).
    /// Pods with the same resolved ports share a subset; addresses are sorted by IP, subsets by their ports.
    /// </summary>
    public static List<EndpointSubset> Subsets(Service service, IEnumerable<Pod> pods)
    {
        var selector = Selector.FromSet(service.Spec.Selector ?? []);
        var groups = new Dictionary<string, (List<EndpointPort> Ports, List<EndpointAddress> Ready, List<EndpointAddress> NotReady)>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (string.IsNullOrEmpty(pod.Status?.PodIP) || !PodConditions.IsActive(pod) || !selector.MatchesLabelsOf(pod))
            {
                continue;
            }

            var ports = Ports(service, pod);
            if (ports.Count == 0 && (service.Spec.Ports?.Count ?? 0) > 0)
            {
                continue;
            }

            var signature = string.Join(",", ports.Select(p => $"{p.Name}/{p.Port}/{p.Protocol}"));
            if (!groups.TryGetValue(signature, out var group))
            {
                group = groups[signature] = (ports, [], []);
            }

            var address = new EndpointAddress
            {
                Ip = pod.Status!.PodIP!,
                NodeName = pod.Spec.NodeName,
                TargetRef = new ObjectReference { Kind = "Pod", Namespace = pod.Metadata.Namespace, Name = pod.Metadata.Name, Uid = pod.Metadata.Uid },
            };
            (PodConditions.IsReady(pod) || service.Spec.PublishNotReadyAddresses == true ? group.Ready : group.NotReady).Add(address);
        }

        return groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new EndpointSubset
        {
            Addresses = g.Value.Ready.Count == 0 ? null : [.. g.Value.Ready.OrderBy(a => a.Ip, StringComparer.Ordinal)],
            NotReadyAddresses = g.Value.NotReady.Count == 0 ? null : [.. g.Value.NotReady.OrderBy(a => a.Ip, StringComparer.Ordinal)],
            Ports = g.Value.Ports.Count == 0 ? null : g.Value.Ports,
        }).ToList();
    }

    /// <summary>The service's ports resolved against one pod's containers.</summary>
    private static List<EndpointPort> Ports(Service service, Pod pod)
    {
        var ports = new List<EndpointPort>();
        foreach (var port in service.Spec.Ports ?? [])
        {
            var protocol = port.Protocol ?? "TCP";
            int? number = port.TargetPort switch
            {
                null => port.Port,
                { IsString: false } target => target.IntValue,
                { } target => pod.Spec.Containers.SelectMany(c => c.Ports ?? [])
                    .FirstOrDefault(p => p.Name == target.StringValue && (p.Protocol ?? "TCP") == protocol)?.Port,
            };
            if (number is { } resolved)
            {
                ports.Add(new EndpointPort { Name = port.Name, Port = resolved, Protocol = protocol, AppProtocol = port.AppProtocol });
            }
        }

        return ports;
    }
}
