using System.Text.RegularExpressions;

namespace Orchestrator.Runtime;

/// <summary>
/// A set of local actors named by a path that may contain <c>..</c> and the wildcards <c>*</c> and
/// <c>?</c>; it is resolved against the live tree each time it is used.
/// </summary>
public sealed class ActorSelection
{
    private readonly IActorRef _anchor;
    private readonly string[] _elements;
    private readonly ActorSystem _system;

    private ActorSelection(IActorRef anchor, string[] elements, ActorSystem system, string pathText)
    {
        _anchor = anchor;
        _elements = elements;
        _system = system;
        PathString = pathText;
    }

    /// <summary>The selection's path as given.</summary>
    public string PathString { get; }

    internal static ActorSelection Parse(IActorRef anchor, string path, ActorSystem system)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("An actor selection path must not be empty.", nameof(path));
        var text = path;
        var sep = text.IndexOf("://", StringComparison.Ordinal);
        if (sep > 0)
        {
            var slash = text.IndexOf('/', sep + 3);
            var address = slash < 0 ? text : text[..slash];
            if (!Address.TryParse(address, out var parsed) || parsed!.System != system.Name)
                throw new ArgumentException($"Actor selection {path} names another system than {system.Name}; remote selections need remoting.", nameof(path));
            text = slash < 0 ? "/" : text[slash..];
        }
        if (text.StartsWith('/')) anchor = system.RootRef;
        var elements = text.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return new ActorSelection(anchor, elements, system, path);
    }

    /// <summary>Tells every matching actor; with no match the message goes to dead letters.</summary>
    public void Tell(object message, IActorRef? sender = null)
    {
        sender ??= ActorCell.Current?.Self;
        var matches = Resolve();
        if (matches.Count == 0)
        {
            _system.DeadLetterRef.Publish(message, sender, _anchor, $"no actor matches selection {PathString}");
            return;
        }
        foreach (var actor in matches) actor.Tell(message, sender);
    }

    /// <summary>The one actor the selection names; fails with <see cref="ActorNotFoundException"/> when none does.</summary>
    public Task<IActorRef> ResolveOne(TimeSpan? timeout = null)
    {
        var matches = Resolve();
        return matches.Count > 0
            ? Task.FromResult(matches[0])
            : Task.FromException<IActorRef>(new ActorNotFoundException($"No actor found for selection {PathString}."));
    }

    /// <summary>Every live actor the path currently names.</summary>
    public IReadOnlyList<IActorRef> Resolve()
    {
        var current = new List<IInternalActorRef> { (IInternalActorRef)_anchor };
        foreach (var element in _elements)
        {
            var next = new List<IInternalActorRef>();
            foreach (var node in current)
            {
                if (element == ".") next.Add(node);
                else if (element == "..") { if (_system.ParentOf(node) is { } parent) next.Add(parent); }
                else if (element.Contains('*') || element.Contains('?'))
                {
                    var pattern = new Regex("^" + Regex.Escape(element).Replace("\\*", ".*").Replace("\\?", ".") + "$");
                    foreach (var child in _system.ChildrenOf(node))
                        if (pattern.IsMatch(child.Path.Name)) next.Add((IInternalActorRef)child);
                }
                else if (_system.ChildOf(node, element) is { } child) next.Add(child);
            }
            current = next;
        }
        return current.Where(a => !a.IsTerminated && a is not RootGuardianRef).Cast<IActorRef>().ToList();
    }

    /// <inheritdoc />
    public override string ToString() => $"ActorSelection[{PathString}]";
}
