namespace Sim.Scheduling.Plugins.PodTopologySpread;

/// <summary>A topology domain and its number of matching pods.</summary>
/// <param name="TopologyValue">The domain (the node label's value).</param>
/// <param name="MatchNum">The matching pods in it.</param>
internal readonly record struct CriticalPath(string TopologyValue, int MatchNum);
