namespace Orchestrator.Hocon.Tests.Support;

/// <summary>An environment variable with a unique name, so that tests running in parallel never see each other's values.</summary>
internal sealed class TestEnvironmentVariable : IDisposable
{
    private TestEnvironmentVariable(string name) => Name = name;

    public string Name { get; }

    public static TestEnvironmentVariable Set(string? value)
    {
        var variable = new TestEnvironmentVariable("ORCH_HOCON_TEST_" + Guid.NewGuid().ToString("N").ToUpperInvariant());
        Environment.SetEnvironmentVariable(variable.Name, value);
        return variable;
    }

    /// <summary>A unique name that is guaranteed not to be set.</summary>
    public static string UnsetName() => "ORCH_HOCON_UNSET_" + Guid.NewGuid().ToString("N").ToUpperInvariant();

    public void Dispose() => Environment.SetEnvironmentVariable(Name, null);
}
