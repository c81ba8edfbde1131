using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Hocon;
using Orchestrator.Runtime;
using Orchestrator.Runtime.Event;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Orchestrator.TestKit;

/// <summary>
/// Base class of actor tests (xunit creates one instance per test, so each test gets its own
/// <see cref="Sys"/>). Offers a default probe (<see cref="TestActor"/>) with its expectations,
/// more probes, polling assertions, and every log event, dead letter and unhandled message the
/// system produced. The system is terminated after the test; if it does not stop, the test fails.
/// </summary>
public abstract class TestKit : IAsyncLifetime
{
    private static int _systemCounter;
    private readonly ConcurrentQueue<LogEvent> _logs = new();
    private readonly ConcurrentQueue<DeadLetter> _deadLetters = new();
    private readonly ConcurrentQueue<UnhandledMessage> _unhandled = new();
    private readonly ITestOutputHelper? _output;
    private int _probeCounter;

    static TestKit()
    {
        // Tests block their own threads in expectations; keep enough pool threads that actors never
        // wait for the pool to grow (its injection delay would turn into flaky timeouts on 2 cores).
        ThreadPool.GetMinThreads(out var worker, out var io);
        ThreadPool.SetMinThreads(Math.Max(worker, 64), Math.Max(io, 16));
    }

    /// <summary>Creates the test's actor system.</summary>
    /// <param name="settings">Kernel settings; defaults with console logging off.</param>
    /// <param name="output">xunit's output; when given, every log event is written to it.</param>
    /// <param name="testKitSettings">Timing settings; from the environment when null.</param>
    protected TestKit(ActorSystemSettings? settings = null, ITestOutputHelper? output = null, TestKitSettings? testKitSettings = null)
        : this(name => ActorSystem.Create(name, settings, NullLoggerFactory.Instance), output, testKitSettings ?? TestKitSettings.FromEnvironment())
    {
    }

    /// <summary>Creates the test's actor system from HOCON text (with the reference configuration behind it).</summary>
    /// <param name="config">HOCON, e.g. <c>orchestrator.actor.throughput = 5</c>; <c>orchestrator.test.*</c> sets the timing.</param>
    /// <param name="output">xunit's output; when given, every log event is written to it.</param>
    protected TestKit(string config, ITestOutputHelper? output = null)
        : this(name => ActorSystem.Create(name, Config.Parse(config, "test configuration"), NullLoggerFactory.Instance), output, null)
    {
    }

    private TestKit(Func<string, ActorSystem> createSystem, ITestOutputHelper? output, TestKitSettings? testKitSettings)
    {
        _output = output;
        Sys = createSystem($"test-{GetType().Name.Replace('`', '-')}-{Interlocked.Increment(ref _systemCounter)}");
        TestKitSettings = testKitSettings ?? TestKitSettings.FromEnvironment(
            Sys.Config.GetDouble("orchestrator.test.timefactor", 1.0), Sys.Config.GetTimeSpan("orchestrator.test.single-expect-default", TimeSpan.FromSeconds(3)));
        var collector = Sys.SystemActorOf(Props.Create(() => new CaptureActor(this)), "testkit-capture");
        Sys.EventStream.Subscribe<LogEvent>(collector);
        Sys.EventStream.Subscribe<DeadLetter>(collector);
        Sys.EventStream.Subscribe<UnhandledMessage>(collector);
        TestProbe = new TestProbe(Sys, TestKitSettings, "testActor");
    }

    /// <summary>The test's actor system.</summary>
    public ActorSystem Sys { get; }

    /// <summary>Timing settings (dilation).</summary>
    public TestKitSettings TestKitSettings { get; }

    /// <summary>The default probe behind <see cref="TestActor"/> and the ExpectMsg family.</summary>
    public TestProbe TestProbe { get; }

    /// <summary>The default probe's actor: pass it as the sender or a reply target.</summary>
    public IActorRef TestActor => TestProbe.Ref;

    /// <summary>The sender of the last message the default probe received.</summary>
    public IActorRef LastSender => TestProbe.LastSender;

    /// <summary>Every log event so far.</summary>
    public IReadOnlyCollection<LogEvent> LogEvents => _logs;

    /// <summary>Every dead letter so far.</summary>
    public IReadOnlyCollection<DeadLetter> DeadLetters => _deadLetters;

    /// <summary>Every unhandled message so far.</summary>
    public IReadOnlyCollection<UnhandledMessage> UnhandledMessages => _unhandled;

    /// <summary>A new probe in the test's system.</summary>
    public TestProbe CreateTestProbe(string? name = null) =>
        new(Sys, TestKitSettings, name ?? $"probe-{Interlocked.Increment(ref _probeCounter)}");

    /// <summary><paramref name="duration"/> scaled by the time factor.</summary>
    public TimeSpan Dilated(TimeSpan duration) => TestKitSettings.Dilated(duration);

    /// <inheritdoc cref="TestProbe.ExpectMsg{T}(TimeSpan?)"/>
    public T ExpectMsg<T>(TimeSpan? timeout = null) => TestProbe.ExpectMsg<T>(timeout);

    /// <inheritdoc cref="TestProbe.ExpectMsg{T}(T, TimeSpan?)"/>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull => TestProbe.ExpectMsg(expected, timeout);

    /// <inheritdoc cref="TestProbe.ExpectMsg{T}(Predicate{T}, TimeSpan?, string?)"/>
    public T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? timeout = null, string? hint = null) => TestProbe.ExpectMsg(predicate, timeout, hint);

    /// <inheritdoc cref="TestProbe.ExpectNoMsg"/>
    public void ExpectNoMsg(TimeSpan? duration = null) => TestProbe.ExpectNoMsg(duration);

    /// <inheritdoc cref="TestProbe.ExpectTerminated"/>
    public Terminated ExpectTerminated(IActorRef actor, TimeSpan? timeout = null) => TestProbe.ExpectTerminated(actor, timeout);

    /// <inheritdoc cref="TestProbe.ReceiveOne"/>
    public object ReceiveOne(TimeSpan? timeout = null) => TestProbe.ReceiveOne(timeout);

    /// <inheritdoc cref="TestProbe.ReceiveN"/>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null) => TestProbe.ReceiveN(count, timeout);

    /// <inheritdoc cref="TestProbe.FishForMessage{T}"/>
    public T FishForMessage<T>(Predicate<T> predicate, TimeSpan? timeout = null, string? hint = null) => TestProbe.FishForMessage(predicate, timeout, hint);

    /// <inheritdoc cref="TestProbe.Within{T}"/>
    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> action) => TestProbe.Within(min, max, action);

    /// <inheritdoc cref="TestProbe.Within(TimeSpan, Action)"/>
    public void Within(TimeSpan max, Action action) => TestProbe.Within(max, action);

    /// <summary>The default probe watches <paramref name="actor"/>.</summary>
    public IActorRef Watch(IActorRef actor) => TestProbe.Watch(actor);

    /// <summary>The default probe stops watching <paramref name="actor"/>.</summary>
    public IActorRef Unwatch(IActorRef actor) => TestProbe.Unwatch(actor);

    /// <summary>
    /// Runs <paramref name="assertion"/> until it passes or <paramref name="duration"/> (dilated,
    /// default 3 s) runs out; then rethrows its last failure.
    /// </summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        var deadline = Stopwatch.StartNew();
        var max = Dilated(duration ?? TestKitSettings.SingleExpectDefault);
        var pause = interval ?? TimeSpan.FromMilliseconds(20);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (deadline.Elapsed < max)
            {
                Thread.Sleep(pause);
            }
        }
    }

    /// <summary>Async form of <see cref="AwaitAssert"/> for assertions that await.</summary>
    public async Task AwaitAssertAsync(Func<Task> assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        var deadline = Stopwatch.StartNew();
        var max = Dilated(duration ?? TestKitSettings.SingleExpectDefault);
        var pause = interval ?? TimeSpan.FromMilliseconds(20);
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (deadline.Elapsed < max)
            {
                await Task.Delay(pause);
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, failing with <paramref name="message"/> after <paramref name="duration"/> (dilated).</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? duration = null, string? message = null)
    {
        var max = Dilated(duration ?? TestKitSettings.SingleExpectDefault);
        AwaitAssert(() =>
        {
            if (!condition()) throw new XunitException($"Condition not met within {max.TotalMilliseconds:0} ms{(message is null ? "" : ": " + message)}.");
        }, duration);
    }

    /// <summary>Waits for a log event matching <paramref name="predicate"/> and returns it.</summary>
    public LogEvent ExpectLog(Func<LogEvent, bool> predicate, TimeSpan? duration = null, string? description = null)
    {
        LogEvent? found = null;
        AwaitCondition(() => (found = _logs.FirstOrDefault(predicate)) is not null, duration,
            $"no log event {description ?? "matched"}; logged: {string.Join(" | ", _logs.Select(l => l.ToString()).TakeLast(10))}");
        return found!;
    }

    /// <summary>Waits for a dead letter matching <paramref name="predicate"/> and returns it.</summary>
    public DeadLetter ExpectDeadLetter(Func<DeadLetter, bool> predicate, TimeSpan? duration = null)
    {
        DeadLetter? found = null;
        AwaitCondition(() => (found = _deadLetters.FirstOrDefault(predicate)) is not null, duration, "no matching dead letter");
        return found!;
    }

    /// <summary>Nothing to do before the test; the system was created in the constructor.</summary>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>How long the system may take to terminate after the test, before dilation (default 10 s).</summary>
    protected virtual TimeSpan TerminationLimit => TimeSpan.FromSeconds(10);

    /// <summary>Terminates the system; fails the test when it does not stop in <see cref="TerminationLimit"/> (a leak or a hang).</summary>
    public virtual async Task DisposeAsync()
    {
        var limit = Dilated(TerminationLimit);
        var terminate = Sys.Terminate();
        if (await Task.WhenAny(terminate, Task.Delay(limit)) != terminate)
            throw new XunitException($"Actor system {Sys.Name} did not terminate within {limit.TotalSeconds:0} s.");
    }

    private sealed class CaptureActor(TestKit owner) : ActorBase
    {
        protected override bool Receive(object message)
        {
            switch (message)
            {
                case LogEvent log:
                    owner._logs.Enqueue(log);
                    try { owner._output?.WriteLine(log.ToString()); } catch (InvalidOperationException) { /* the test has already finished */ }
                    break;
                case DeadLetter dead: owner._deadLetters.Enqueue(dead); break;
                case UnhandledMessage unhandled: owner._unhandled.Enqueue(unhandled); break;
            }
            return true;
        }
    }
}
