using System.Text.RegularExpressions;

namespace Orchestrator.Runtime;

/// <summary>
/// A set of local actors named by a path that may contain <c>..</c> and the wildcards <c>*</c> and
/// <c>?</c>; it is resolved against the live tree each time it is used. With remoting on, a path naming
/// another system's address selects actors there: the path is sent along and resolved by that system.
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
            if (!Address.TryParse(address, out var parsed))
                throw new ArgumentException($"Actor selection {path} has a malformed address.", nameof(path));
            text = slash < 0 ? "/" : text[slash..];
            if (!system.IsLocalAddress(parsed!))
            {
                // Another system's actors: anchored at its root, resolved by that system when told.
                if (system.Remote is null || parsed!.IsLocal)
                    throw new ArgumentException($"Actor selection {path} names another system than {system.Name}; remote selections need remoting.", nameof(path));
                return new ActorSelection(system.Remote.RefFor(new RootActorPath(parsed)), text.Split('/', StringSplitOptions.RemoveEmptyEntries), system, path);
            }
            if (parsed!.System != system.Name)
                throw new ArgumentException($"Actor selection {path} names another system than {system.Name}; remote selections need remoting.", nameof(path));
        }
        if (text.StartsWith('/')) anchor = system.RootRef;
        var elements = text.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return new ActorSelection(anchor, elements, system, path);
    }

    /// <summary>Tells every matching actor; with no match the message goes to dead letters.</summary>
    public void Tell(object message, IActorRef? sender = null)
    {
        sender ??= ActorCell.Current?.Self;
        if (_anchor is Remoting.RemoteActorRef remoteRoot)
        {
            remoteRoot.TellSelection("/" + string.Join('/', _elements), message, sender);
            return;
        }
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
        if (_anchor is Remoting.RemoteActorRef) return ResolveRemote(timeout ?? _system.Settings.AskTimeout);
        var matches = Resolve();
        return matches.Count > 0
            ? Task.FromResult(matches[0])
            : Task.FromException<IActorRef>(new ActorNotFoundException($"No actor found for selection {PathString}."));
    }

    /// <summary>A remote selection is resolved by the other system: it answers an <see cref="Identify"/>.</summary>
    private async Task<IActorRef> ResolveRemote(TimeSpan timeout)
    {
        var identify = new Identify(null);
        var promise = new PromiseActorRef(_anchor, identify, timeout, CancellationToken.None, _system.RootRef.Path);
        Tell(identify, promise);
        object? reply;
        try
        {
            reply = await promise.Task.ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new ActorNotFoundException($"No actor answered for selection {PathString} within {timeout.TotalMilliseconds:0} ms: {e.Message}");
        }
        return reply is ActorIdentity { Subject: { } subject }
            ? subject
            : throw new ActorNotFoundException($"No actor found for selection {PathString}.");
    }

    /// <summary>Every live actor the path currently names (local selections only: a remote one is resolved with <see cref="ResolveOne"/>).</summary>
    public IReadOnlyList<IActorRef> Resolve()
    {
        if (_anchor is Remoting.RemoteActorRef)
            throw new InvalidOperationException($"Selection {PathString} names another system: use ResolveOne or Tell.");
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
