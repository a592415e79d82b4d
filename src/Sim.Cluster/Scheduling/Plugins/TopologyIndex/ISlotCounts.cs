namespace Sim.Scheduling.Plugins.TopologyIndex;

/// <summary>Counts kept per node, by the node's slot in a <see cref="PodTopologyIndex"/>.</summary>
internal interface ISlotCounts
{
    /// <summary>The count on the node in <paramref name="slot"/> (a slot the index gave a node of its snapshot).</summary>
    int CountAtSlot(int slot);
}
