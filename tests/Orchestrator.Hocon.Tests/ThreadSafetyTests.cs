using Orchestrator.Hocon.Tests.Support;
using Xunit;

namespace Orchestrator.Hocon.Tests;

public sealed class ThreadSafetyTests
{
    private const int Readers = 16;

    [Fact]
    public void Concurrent_first_reads_all_see_the_same_resolved_values()
    {
        var config = TestConfig.Parse("""
            base = 10
            derived = ${base}
            list = [${base}, ${derived}]
            nested { copy = ${derived} }
            """);

        var results = RunConcurrently(() => $"{config.GetInt("derived")}|{string.Join(',', config.GetIntList("list"))}|{config.GetInt("nested.copy")}");

        Assert.All(results, result => Assert.Equal("10|10,10|10", result));
    }

    [Fact]
    public void Concurrent_first_reads_of_a_broken_config_all_get_the_same_error()
    {
        var config = TestConfig.Parse("a = ${missing}");

        var results = RunConcurrently(() =>
        {
            try
            {
                config.GetString("a");
                return "no error";
            }
            catch (ConfigException exception)
            {
                return exception.Message;
            }
        });

        Assert.All(results, result => Assert.StartsWith("test.conf:1:5: could not resolve substitution ${missing}", result, StringComparison.Ordinal));
    }

    [Fact]
    public void Derived_configs_share_nothing_mutable_with_their_source()
    {
        var reference = TestConfig.Parse("a { b = 1 }");

        var results = RunConcurrently(() =>
        {
            var overridden = TestConfig.Parse($"a.c = {Environment.CurrentManagedThreadId}").WithFallback(reference);
            return overridden.GetConfig("a").Keys.Count;
        });

        Assert.All(results, count => Assert.Equal(2, count));
        Assert.Equal(["b"], reference.GetConfig("a").Keys);
    }

    private static List<T> RunConcurrently<T>(Func<T> read)
    {
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, Readers)
            .Select(_ => Task.Factory.StartNew(() =>
            {
                start.Wait();
                return read();
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();

        start.Set();
        Task.WaitAll(tasks);
        return [.. tasks.Select(task => task.Result)];
    }
}
