using Orchestrator.Hocon;

namespace Orchestrator.Hocon.Tests.Support;

/// <summary>Short-hands for parsing test documents under a recognisable source name.</summary>
internal static class TestConfig
{
    public const string Source = "test.conf";

    public static Config Parse(string text) => Config.Parse(text, Source);

    /// <summary>Parses and resolves, so that resolution errors surface in the calling assertion.</summary>
    public static Config Resolve(string text) => Parse(text).Resolve();
}
