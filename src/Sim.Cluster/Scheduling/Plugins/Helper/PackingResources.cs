using Sim.Cluster.Resources;

namespace Sim.Scheduling.Plugins.Helper;

/// <summary>
/// The resource arithmetic of the catalogue's packing heuristics (BestFit, WorstFit, DotProduct): the
/// resources they look at and shares of a node's allocatable in parts per million.
/// </summary>
/// <remarks>
/// The resources are cpu, memory and <c>nvidia.com/gpu</c>. A resource the node does not have
/// (allocatable 0) contributes 0, so a GPU appears in the sums exactly when the node has one (a pod
/// that requests a GPU fits only on such a node). Amounts are the real requests (<see cref="NodeInfo.Requested"/>,
/// <see cref="PodInfo.Requests"/>), not the non-zero scoring defaults. Shares are
/// <c>amount × 1,000,000 / allocatable</c> with truncating division, computed in 128 bits so no amount
/// overflows; an amount below zero counts as zero.
/// </remarks>
internal static class PackingResources
{
    /// <summary>A whole node's allocatable: one million parts per million.</summary>
    public const long Scale = 1_000_000;

    /// <summary>The number of resources scored (cpu, memory, nvidia.com/gpu).</summary>
    public const int Count = 3;

    /// <summary>
    /// The node's allocatable, the amount its pods request and the pod's request of resource
    /// <paramref name="index"/> (0 cpu in milli-cores, 1 memory in bytes, 2 <c>nvidia.com/gpu</c>).
    /// </summary>
    public static (long Allocatable, long Requested, long Request) Amounts(int index, PodInfo pod, NodeInfo node) => index switch
    {
        0 => (node.Allocatable.MilliCpu, node.Requested.MilliCpu, pod.Requests.MilliCpu),
        1 => (node.Allocatable.Memory, node.Requested.Memory, pod.Requests.Memory),
        _ => node.Allocatable.Scalars is null
            ? (0, 0, 0)
            : (node.Allocatable.Get(ResourceNames.NvidiaGpu), node.Requested.Get(ResourceNames.NvidiaGpu), pod.Requests[ResourceNames.NvidiaGpu]),
    };

    /// <summary><paramref name="amount"/> as parts per million of <paramref name="allocatable"/> (which must be positive); 0 when negative.</summary>
    public static long Share(long amount, long allocatable) =>
        amount <= 0 ? 0 : (long)((Int128)amount * Scale / allocatable);

    /// <summary>
    /// Σ over the resources of what would be left on the node after placing the pod, as shares of its
    /// allocatable: <c>Σ_r share(allocatable_r − requested_r − request_r)</c>. Between 0 and 3,000,000.
    /// </summary>
    public static long LeftoverAfterPlacement(PodInfo pod, NodeInfo node)
    {
        long sum = 0;
        for (var r = 0; r < Count; r++)
        {
            var (allocatable, requested, request) = Amounts(r, pod, node);
            if (allocatable > 0)
            {
                sum += Share(allocatable - requested - request, allocatable);
            }
        }

        return sum;
    }
}
