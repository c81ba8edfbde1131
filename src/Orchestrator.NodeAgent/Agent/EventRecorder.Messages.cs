using Orchestrator.Model.Core.V1;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>
/// Tells an <see cref="EventRecorder"/> that something worth a core/v1 Event happened. An event like one already
/// recorded (same involved object and field path, type, reason, message and source) increments that event's count.
/// </summary>
/// <param name="InvolvedObject">What the event is about (kind, namespace, name, uid, and field path of a container).</param>
/// <param name="Reason">Short CamelCase reason, e.g. <c>BackOff</c>.</param>
/// <param name="Message">Human-readable message.</param>
/// <param name="Type"><c>Normal</c> or <c>Warning</c>.</param>
public sealed record RecordEvent(ObjectReference InvolvedObject, string Reason, string Message, string Type);
