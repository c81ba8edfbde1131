using Orchestrator.Ctl.Connection;

namespace Orchestrator.Ctl.Cli;

/// <summary>One kind named on the command line and the names given for it (none = all that match).</summary>
public sealed record ResourceTarget(string Resource, IReadOnlyList<string> Names);

/// <summary>
/// Reads kubectl's resource arguments: <c>pods</c>, <c>pods web db</c>, <c>pod/web deploy/api</c>, or
/// <c>deploy,po</c> (several kinds, no names).
/// </summary>
public static class ResourceArgs
{
    /// <summary>The targets of <paramref name="args"/> in the order given; a <see cref="CtlException"/> with kubectl's wording when malformed.</summary>
    public static IReadOnlyList<ResourceTarget> Parse(IReadOnlyList<string> args, string verb)
    {
        if (args.Count == 0)
            throw new CtlException($"error: you must specify the type of resource to {verb}. Use \"orchctl api-resources\" for a complete list of supported resources.");
        if (args.FirstOrDefault(a => a.StartsWith('-') && a != "-") is { } flag) throw new CtlException($"error: unknown flag: {flag}");
        if (args[0].Contains('/'))
        {
            var targets = new List<ResourceTarget>();
            foreach (var arg in args)
            {
                var slash = arg.IndexOf('/', StringComparison.Ordinal);
                if (slash <= 0 || slash == arg.Length - 1)
                    throw new CtlException($"error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'orchctl {verb} resource/<resource_name>' instead of 'orchctl {verb} resource resource/<resource_name>'");
                var resource = arg[..slash];
                var name = arg[(slash + 1)..];
                var existing = targets.FindIndex(t => t.Resource == resource);
                if (existing >= 0) targets[existing] = targets[existing] with { Names = [.. targets[existing].Names, name] };
                else targets.Add(new ResourceTarget(resource, [name]));
            }

            return targets;
        }

        var kinds = args[0].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var names = args.Skip(1).ToList();
        if (names.Any(n => n.Contains('/')))
            throw new CtlException($"error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'orchctl {verb} resource/<resource_name>' instead of 'orchctl {verb} resource resource/<resource_name>'");
        if (kinds.Length > 1 && names.Count > 0)
            throw new CtlException("error: names cannot be given with several resource types; use type/name for each");
        return kinds.Select(k => new ResourceTarget(k, names)).ToList();
    }
}
