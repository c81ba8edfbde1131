using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Runtime.Remoting;

/// <summary>
/// Writes an <see cref="IActorRef"/>-typed property as its path with uid (<c>orch.tcp://sys@host:1/user/a#42</c>)
/// and reads it back as a ref of <paramref name="system"/>: the local actor when the path is this system's,
/// a <see cref="RemoteActorRef"/> when it is another's. Registered on the system's serialization options,
/// so every payload, sent or persisted, carries refs this way.
/// </summary>
internal sealed class ActorRefJsonConverter(ActorSystem system) : JsonConverter<IActorRef>
{
    public override IActorRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("An actor ref must be written as its path string.");
        var text = reader.GetString()!;
        if (!ActorPath.TryParse(text, out var path)) throw new JsonException($"'{text}' is not an absolute actor path.");
        return system.ResolveActorRef(path!);
    }

    public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options) =>
        writer.WriteStringValue(WirePath(system, value));

    /// <summary>
    /// The path another process uses to reach <paramref name="actor"/>. An Ask's promise is registered
    /// under <c>/temp</c> at this moment, as only now can a reply come back by path.
    /// </summary>
    internal static string WirePath(ActorSystem system, IActorRef actor)
    {
        if (actor is PromiseActorRef promise) promise.Publish(system);
        return actor.Path.ToSerializationFormat();
    }
}
