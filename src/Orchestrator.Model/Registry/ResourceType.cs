namespace Orchestrator.Model.Registry;

/// <summary>What the API knows about one kind: its group/version, REST names, scope and CLR type.</summary>
/// <param name="Group">API group; "" for the core group.</param>
/// <param name="Version">API version within the group, e.g. v1.</param>
/// <param name="Kind">Kind, e.g. Deployment.</param>
/// <param name="Plural">Lower-case plural resource name, e.g. deployments.</param>
/// <param name="Singular">Lower-case singular name, e.g. deployment.</param>
/// <param name="ShortNames">kubectl short names, e.g. deploy.</param>
/// <param name="Namespaced">True for namespaced kinds, false for cluster-scoped ones.</param>
/// <param name="ClrType">The model type.</param>
public sealed record ResourceType(
    string Group,
    string Version,
    string Kind,
    string Plural,
    string Singular,
    IReadOnlyList<string> ShortNames,
    bool Namespaced,
    Type ClrType)
{
    /// <summary>"v1" for the core group, else "group/version".</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>"plural" for the core group, else "plural.group" (as kubectl prints resources).</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>Splits an apiVersion into group and version ("apps/v1" → ("apps", "v1"), "v1" → ("", "v1")).</summary>
    public static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (string.Empty, apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }
}
