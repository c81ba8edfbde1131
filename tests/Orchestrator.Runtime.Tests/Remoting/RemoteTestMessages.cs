using Orchestrator.Runtime.Remoting;
using Orchestrator.Runtime.Serialization;

namespace Orchestrator.Runtime.Tests.Remoting;

// Messages of the remoting specs. The test node program declares its own Ping and Pong under the same
// manifests: across processes messages are matched by manifest, not by CLR type.
public sealed record Ping(string Text);

public sealed record Pong(string Text);

public sealed record Numbered(int N);

public sealed record Blob(string Data);

/// <summary>Registered only by the sending side in the unknown-manifest spec.</summary>
public sealed record OnlyThere(int Value);

/// <summary>Carries two refs so that a spec can check both come back as the right kind of ref.</summary>
public sealed record RefCarrier(IActorRef First, IActorRef Second, string Note);

public static class RemoteTestMessages
{
    public static SerializationRegistry RegisterAll(SerializationRegistry registry) => registry
        .Register<Ping>("remote-echo.ping/v1")
        .Register<Pong>("remote-echo.pong/v1")
        .Register<Numbered>("remote-test.numbered/v1")
        .Register<Blob>("remote-test.blob/v1")
        .Register<RefCarrier>("remote-test.ref-carrier/v1");
}

/// <summary>Answers Ping with Pong; "fail" is answered with a failure, as an Ask's target may do.</summary>
public sealed class EchoActor : ActorBase
{
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case Ping { Text: "fail" }:
                Sender.Tell(new Status.Failure(new InvalidOperationException("boom")), Self);
                return true;
            case Ping ping:
                Sender.Tell(new Pong(ping.Text), Self);
                return true;
            default:
                return false;
        }
    }
}

/// <summary>Passes everything on to <paramref name="target"/>, keeping the original sender.</summary>
public sealed class ForwarderActor(IActorRef target) : ActorBase
{
    protected override bool Receive(object message)
    {
        target.Forward(message);
        return true;
    }
}

/// <summary>
/// Receives a <see cref="RefCarrier"/> whose First is a ref from the other system and whose Second is
/// this actor; answers First with what it saw: whether Second resolved to this very actor and First to a remote ref.
/// </summary>
public sealed class RefCheckerActor : ActorBase
{
    protected override bool Receive(object message)
    {
        if (message is not RefCarrier carrier) return false;
        var note = $"second-is-self={ReferenceEquals(carrier.Second, Self)};first-is-remote={carrier.First is RemoteActorRef}";
        carrier.First.Tell(new RefCarrier(Self, carrier.First, note), Self);
        return true;
    }
}
