using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Runtime.Remoting;
using Orchestrator.Runtime.Serialization;

namespace Orchestrator.Runtime.Sharding;

/// <summary>
/// Writes a <see cref="ShardEnvelope"/> as <c>{"entityId": ..., "message": {"m": manifest, "v": value}}</c>, so the
/// wrapped message crosses processes as its own registered type (a plain <c>object</c> field would come back as
/// a JSON element). Attached to the type by attribute, because a system's JSON options become read-only once
/// anything was serialized; the registry is found through the options it owns.
/// </summary>
internal sealed class ShardEnvelopeConverter : JsonConverter<ShardEnvelope>
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonSerializerOptions, SerializationRegistry> Registries = new();

    /// <summary>Lets envelopes serialized with <paramref name="registry"/>'s options box their messages through it.</summary>
    public static void Use(SerializationRegistry registry) => Registries.AddOrUpdate(registry.Options, registry);

    private static SerializationRegistry RegistryOf(JsonSerializerOptions options) =>
        Registries.TryGetValue(options, out var registry)
            ? registry
            : throw new JsonException("A ShardEnvelope can only be serialized with an actor system's serialization options after ClusterSharding.Get(system).");

    public override ShardEnvelope Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Expected a shard envelope object.");
        string? entityId = null;
        object? message = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            if (property == "entityId") entityId = reader.GetString();
            else if (property == "message") message = BuiltInMessages.ReadBoxed(ref reader, RegistryOf(options), options);
            else reader.Skip();
        }
        return new ShardEnvelope(
            entityId ?? throw new JsonException("A shard envelope needs an entityId."),
            message ?? throw new JsonException("A shard envelope needs a message."));
    }

    public override void Write(Utf8JsonWriter writer, ShardEnvelope value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("entityId", value.EntityId);
        writer.WritePropertyName("message");
        BuiltInMessages.WriteBoxed(writer, value.Message, RegistryOf(options), options);
        writer.WriteEndObject();
    }
}
