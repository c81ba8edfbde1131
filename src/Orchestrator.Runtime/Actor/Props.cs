using Orchestrator.Runtime.Dispatch;

namespace Orchestrator.Runtime;

/// <summary>
/// An immutable recipe for an actor: how to make an instance (used again on every restart),
/// plus its mailbox and the strategy it applies to its own children. Share one Props between
/// many actors of the same kind; it holds no per-actor state.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type type, Func<ActorBase> factory, MailboxSettings? mailbox, SupervisorStrategy? strategy)
    {
        Type = type;
        _factory = factory;
        Mailbox = mailbox;
        SupervisorStrategy = strategy;
    }

    /// <summary>The actor class.</summary>
    public Type Type { get; }

    /// <summary>The mailbox; null means the unbounded default.</summary>
    public MailboxSettings? Mailbox { get; }

    /// <summary>Overrides the actor's own <see cref="ActorBase.SupervisorStrategy"/> when set.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Props for an actor with a parameterless constructor.</summary>
    public static Props Create<T>() where T : ActorBase, new() => new(typeof(T), static () => new T(), null, null);

    /// <summary>Props from a factory, called once per incarnation.</summary>
    public static Props Create<T>(Func<T> factory) where T : ActorBase => new(typeof(T), factory, null, null);

    /// <summary>Props from constructor arguments, matched by reflection when the actor is created.</summary>
    public static Props Create<T>(params object?[] args) where T : ActorBase => Create(typeof(T), args);

    /// <summary>Props for <paramref name="type"/> from constructor arguments.</summary>
    public static Props Create(Type type, params object?[] args)
    {
        if (!typeof(ActorBase).IsAssignableFrom(type))
            throw new ArgumentException($"{type.FullName} is not an actor: it does not derive from ActorBase.", nameof(type));
        if (type.IsAbstract)
            throw new ArgumentException($"{type.FullName} is abstract and cannot be instantiated.", nameof(type));
        return new(type, () => (ActorBase)Activator.CreateInstance(type, args)!, null, null);
    }

    /// <summary>The same props with a bounded mailbox of <paramref name="capacity"/> messages.</summary>
    public Props WithBoundedMailbox(int capacity, MailboxOverflowStrategy overflow = MailboxOverflowStrategy.DropNewest)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A bounded mailbox needs a capacity of at least 1.");
        return WithMailbox(new MailboxSettings(capacity, overflow));
    }

    /// <summary>The same props with other mailbox settings.</summary>
    public Props WithMailbox(MailboxSettings mailbox) => new(Type, _factory, mailbox, SupervisorStrategy);

    /// <summary>The same props with a strategy for the actor's children.</summary>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy) => new(Type, _factory, Mailbox, strategy);

    internal ActorBase NewActor() => _factory();

    /// <inheritdoc />
    public override string ToString() => $"Props({Type.Name})";
}
