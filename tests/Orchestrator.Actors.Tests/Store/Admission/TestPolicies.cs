using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Actors.Tests.Store.Admission;

/// <summary>Quotas, limit ranges and pods with resources for the admission specs.</summary>
public static class TestPolicies
{
    /// <summary>A quota with hard limits from "name=amount" pairs.</summary>
    public static ResourceQuota Quota(string name, params string[] hard) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new ResourceQuotaSpec { Hard = Amounts(hard) },
    };

    /// <summary>A quota as the admission reads it: hard limits and current use.</summary>
    public static ResourceQuota QuotaUsing(string name, string[] hard, string[] used)
    {
        var quota = Quota(name, hard);
        quota.Status = new ResourceQuotaStatus { Hard = Amounts(hard), Used = Amounts(used) };
        return quota;
    }

    /// <summary>A limit range with one item.</summary>
    public static LimitRange Range(LimitRangeItem item, string name = "limits") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new LimitRangeSpec { Limits = [item] },
    };

    /// <summary>A pod whose containers have the given requests and limits ("cpu=500m" pairs; null for none).</summary>
    public static Pod Pod(string name, params (string[]? Requests, string[]? Limits)[] containers) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new PodSpec
        {
            Containers = containers.Select((c, i) => new Container
            {
                Name = $"c{i}",
                Image = "nginx:1.27",
                Resources = c.Requests is null && c.Limits is null ? null : new ResourceRequirements
                {
                    Requests = c.Requests is null ? null : Amounts(c.Requests),
                    Limits = c.Limits is null ? null : Amounts(c.Limits),
                },
            }).ToList(),
        },
    };

    /// <summary>A pod with one container and no resources.</summary>
    public static Pod Plain(string name) => Pod(name, (null, null));

    /// <summary>Amounts from "name=amount" pairs.</summary>
    public static Dictionary<string, Quantity> Amounts(params string[] pairs) =>
        pairs.Select(p => p.Split('=')).ToDictionary(p => p[0], p => Quantity.Parse(p[1]));
}
