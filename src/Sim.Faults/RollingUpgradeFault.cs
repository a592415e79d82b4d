namespace Sim.Faults;

/// <summary>
/// A node-by-node upgrade from <see cref="TargetedNodeFault.At"/> (maxUnavailable 1): each chosen
/// node in turn is drained as <see cref="DrainFault"/> drains, goes down for
/// <see cref="UpgradeTime"/> (its kubelet stops), comes back, is uncordoned, and once the API server
/// shows it Ready the next node starts. Named nodes go in the order given, drawn or selected ones in
/// name order.
/// </summary>
public sealed record RollingUpgradeFault : TargetedNodeFault
{
    /// <summary>How long each node is down for its upgrade.</summary>
    public required TimeSpan UpgradeTime { get; init; }

    /// <summary>How long to wait before retrying refused evictions, and between checks that an upgraded node is Ready (5 s).</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(5);
}
