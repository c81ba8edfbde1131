namespace Orchestrator.Actors.Scheduling.Plugins;

/// <summary>A topology domain: a node label key and its value.</summary>
internal readonly record struct TopologyPair(string Key, string Value);
