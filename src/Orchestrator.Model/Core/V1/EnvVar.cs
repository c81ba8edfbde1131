using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Core.V1;

/// <summary>An environment variable in a container (core/v1 EnvVar).</summary>
public sealed class EnvVar
{
    /// <summary>Variable name. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>Literal value with $(VAR) expansion; "" when not set. Cannot be used with valueFrom.</summary>
    public string? Value { get; set; }

    /// <summary>Source for the value. Cannot be used when value is not empty.</summary>
    public EnvVarSource? ValueFrom { get; set; }
}

/// <summary>Where an environment variable's value comes from; exactly one field is set (core/v1 EnvVarSource).</summary>
public sealed class EnvVarSource
{
    /// <summary>A pod field: metadata.name, metadata.namespace, metadata.labels['k'], spec.nodeName, status.podIP, ...</summary>
    public ObjectFieldSelector? FieldRef { get; set; }

    /// <summary>A container resource: limits.cpu, requests.memory, ...</summary>
    public ResourceFieldSelector? ResourceFieldRef { get; set; }

    /// <summary>A key of a ConfigMap.</summary>
    public ConfigMapKeySelector? ConfigMapKeyRef { get; set; }

    /// <summary>A key of a Secret in the pod's namespace.</summary>
    public SecretKeySelector? SecretKeyRef { get; set; }
}

/// <summary>Selects a field of the pod (core/v1 ObjectFieldSelector).</summary>
public sealed class ObjectFieldSelector
{
    /// <summary>Version of the schema the path is written in. Default "v1".</summary>
    public string? ApiVersion { get; set; }

    /// <summary>Path of the field. Required.</summary>
    public string FieldPath { get; set; } = "";
}

/// <summary>Selects a container resource (core/v1 ResourceFieldSelector).</summary>
public sealed class ResourceFieldSelector
{
    /// <summary>Container name; required for volumes, optional for env vars.</summary>
    public string? ContainerName { get; set; }

    /// <summary>Resource to select, e.g. limits.cpu. Required.</summary>
    public string Resource { get; set; } = "";

    /// <summary>Output format. Default "1".</summary>
    public Quantity? Divisor { get; set; }
}

/// <summary>Selects a key of a ConfigMap (core/v1 ConfigMapKeySelector).</summary>
public sealed class ConfigMapKeySelector
{
    /// <summary>Name of the ConfigMap. Default "" (effectively required).</summary>
    public string? Name { get; set; }

    /// <summary>The key to select. Required.</summary>
    public string Key { get; set; } = "";

    /// <summary>When true the ConfigMap or key may be missing. Default false.</summary>
    public bool? Optional { get; set; }
}

/// <summary>Selects a key of a Secret (core/v1 SecretKeySelector).</summary>
public sealed class SecretKeySelector
{
    /// <summary>Name of the Secret. Default "" (effectively required).</summary>
    public string? Name { get; set; }

    /// <summary>The key to select. Required.</summary>
    public string Key { get; set; } = "";

    /// <summary>When true the Secret or key may be missing. Default false.</summary>
    public bool? Optional { get; set; }
}

/// <summary>A set of environment variables from a ConfigMap or Secret (core/v1 EnvFromSource).</summary>
public sealed class EnvFromSource
{
    /// <summary>Identifier to prepend to each key.</summary>
    public string? Prefix { get; set; }

    /// <summary>The ConfigMap to read from.</summary>
    public ConfigMapEnvSource? ConfigMapRef { get; set; }

    /// <summary>The Secret to read from.</summary>
    public SecretEnvSource? SecretRef { get; set; }
}

/// <summary>A ConfigMap whose keys become environment variables (core/v1 ConfigMapEnvSource).</summary>
public sealed class ConfigMapEnvSource
{
    /// <summary>Name of the ConfigMap.</summary>
    public string? Name { get; set; }

    /// <summary>When true the ConfigMap may be missing. Default false.</summary>
    public bool? Optional { get; set; }
}

/// <summary>A Secret whose keys become environment variables (core/v1 SecretEnvSource).</summary>
public sealed class SecretEnvSource
{
    /// <summary>Name of the Secret.</summary>
    public string? Name { get; set; }

    /// <summary>When true the Secret may be missing. Default false.</summary>
    public bool? Optional { get; set; }
}
