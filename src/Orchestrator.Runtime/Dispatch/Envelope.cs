namespace Orchestrator.Runtime.Dispatch;

/// <summary>A user message and its sender, stored by value in the mailbox queue so enqueueing allocates nothing.</summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender);
