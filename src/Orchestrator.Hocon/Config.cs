namespace Orchestrator.Hocon;
/// <summary>Placeholder until the parser lands.</summary>
public sealed class Config { }
