using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Runtime.Serialization;

namespace Orchestrator.Runtime.Remoting;

/// <summary>
/// Manifests and converters for the kernel's own messages that cross process boundaries: PoisonPill,
/// Kill, Identify / ActorIdentity and the Status replies of Ask. Their <c>object</c>-typed fields
/// (a message id, a success value) are written as <c>{"m": manifest, "v": value}</c> and read back only
/// through a registered manifest or a primitive, never through a type name.
/// </summary>
internal static class BuiltInMessages
{
    public static void Register(SerializationRegistry registry)
    {
        var options = registry.Options;
        options.Converters.Add(new SingletonConverter<PoisonPill>(PoisonPill.Instance));
        options.Converters.Add(new SingletonConverter<Kill>(Kill.Instance));
        options.Converters.Add(new IdentifyConverter(registry));
        options.Converters.Add(new ActorIdentityConverter(registry));
        options.Converters.Add(new SuccessConverter(registry));
        options.Converters.Add(new FailureConverter());
        Add<PoisonPill>(registry, "orch.poison-pill/v1");
        Add<Kill>(registry, "orch.kill/v1");
        Add<Identify>(registry, "orch.identify/v1");
        Add<ActorIdentity>(registry, "orch.actor-identity/v1");
        Add<Status.Success>(registry, "orch.status-success/v1");
        Add<Status.Failure>(registry, "orch.status-failure/v1");
    }

    // Registering the same pair twice is a no-op, so two systems sharing a registry do not clash.
    private static void Add<T>(SerializationRegistry registry, string manifest) => registry.Register<T>(manifest);

    private static readonly Dictionary<string, Type> Primitives = new(StringComparer.Ordinal)
    {
        ["string"] = typeof(string), ["int"] = typeof(int), ["long"] = typeof(long), ["double"] = typeof(double),
        ["bool"] = typeof(bool), ["guid"] = typeof(Guid),
    };

    private static readonly Dictionary<Type, string> PrimitiveNames = Primitives.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>Writes an <c>object</c>-typed value as manifest and value.</summary>
    internal static void WriteBoxed(Utf8JsonWriter writer, object? value, SerializationRegistry registry, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }
        var type = value.GetType();
        var manifest = PrimitiveNames.TryGetValue(type, out var name) ? name : registry.ManifestOf(type);
        writer.WriteStartObject();
        writer.WriteString("m", manifest);
        writer.WritePropertyName("v");
        JsonSerializer.Serialize(writer, value, type, options);
        writer.WriteEndObject();
    }

    /// <summary>Reads what <see cref="WriteBoxed"/> wrote; an unknown manifest fails without instantiating anything.</summary>
    internal static object? ReadBoxed(ref Utf8JsonReader reader, SerializationRegistry registry, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Expected {\"m\": manifest, \"v\": value}.");
        reader.Read();
        if (reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("m")) throw new JsonException("Expected the manifest property 'm' first.");
        reader.Read();
        var manifest = reader.GetString() ?? throw new JsonException("The manifest must be a string.");
        if (!Primitives.TryGetValue(manifest, out var type) && !registry.TryGetType(manifest, out type))
            throw new UnknownManifestException(manifest);
        reader.Read();
        if (reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("v")) throw new JsonException("Expected the value property 'v'.");
        reader.Read();
        var value = JsonSerializer.Deserialize(ref reader, type!, options);
        reader.Read();
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("Expected the end of the boxed value.");
        return value;
    }

    private sealed class SingletonConverter<T>(T instance) : JsonConverter<T> where T : class
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            reader.Skip();
            return instance;
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }
    }

    // The boxed value is wrapped in a one-element array: a bare JSON null would be read as a null message.
    private sealed class IdentifyConverter(SerializationRegistry registry) : JsonConverter<Identify>
    {
        public override Identify Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(ReadSingle(ref reader, registry, options));

        public override void Write(Utf8JsonWriter writer, Identify value, JsonSerializerOptions options) =>
            WriteSingle(writer, value.MessageId, registry, options);
    }

    private sealed class SuccessConverter(SerializationRegistry registry) : JsonConverter<Status.Success>
    {
        public override Status.Success Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(ReadSingle(ref reader, registry, options));

        public override void Write(Utf8JsonWriter writer, Status.Success value, JsonSerializerOptions options) =>
            WriteSingle(writer, value.Value, registry, options);
    }

    private static void WriteSingle(Utf8JsonWriter writer, object? value, SerializationRegistry registry, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        WriteBoxed(writer, value, registry, options);
        writer.WriteEndArray();
    }

    private static object? ReadSingle(ref Utf8JsonReader reader, SerializationRegistry registry, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("Expected [value].");
        reader.Read();
        var value = ReadBoxed(ref reader, registry, options);
        reader.Read();
        if (reader.TokenType != JsonTokenType.EndArray) throw new JsonException("Expected the end of [value].");
        return value;
    }

    private sealed class ActorIdentityConverter(SerializationRegistry registry) : JsonConverter<ActorIdentity>
    {
        public override ActorIdentity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("Expected [id, subject].");
            reader.Read();
            var id = ReadBoxed(ref reader, registry, options);
            reader.Read();
            var subject = reader.TokenType == JsonTokenType.Null ? null : JsonSerializer.Deserialize<IActorRef>(ref reader, options);
            reader.Read();
            if (reader.TokenType != JsonTokenType.EndArray) throw new JsonException("Expected the end of [id, subject].");
            return new ActorIdentity(id, subject);
        }

        public override void Write(Utf8JsonWriter writer, ActorIdentity value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            WriteBoxed(writer, value.MessageId, registry, options);
            JsonSerializer.Serialize(writer, value.Subject, options);
            writer.WriteEndArray();
        }
    }

    private sealed class FailureConverter : JsonConverter<Status.Failure>
    {
        public override Status.Failure Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            string type = "System.Exception", message = "";
            if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Expected {type, message}.");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "type") type = reader.GetString() ?? type;
                else if (name == "message") message = reader.GetString() ?? message;
                else reader.Skip();
            }
            return new Status.Failure(new RemoteFailureException(type, message));
        }

        public override void Write(Utf8JsonWriter writer, Status.Failure value, JsonSerializerOptions options)
        {
            var cause = value.Cause is RemoteFailureException r ? (r.OriginalType, r.OriginalMessage) : (value.Cause.GetType().FullName ?? "Exception", value.Cause.Message);
            writer.WriteStartObject();
            writer.WriteString("type", cause.Item1);
            writer.WriteString("message", cause.Item2);
            writer.WriteEndObject();
        }
    }
}
