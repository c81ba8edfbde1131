using Orchestrator.Runtime;

namespace Orchestrator.Actors.Admin;

/// <summary>Registers <paramref name="Service"/> under <paramref name="Name"/>; it is removed when it stops.</summary>
public sealed record RegisterService(string Name, IActorRef Service);

/// <summary>Asks for the service registered under <paramref name="Name"/>. Replies <see cref="ServiceLocated"/>.</summary>
public sealed record LocateService(string Name);

/// <summary>The service registered under <paramref name="Name"/>, or null when none is.</summary>
public sealed record ServiceLocated(string Name, IActorRef? Service);
