using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;

namespace Sim.Scheduling.Plugins.NodeResourcesFit;

/// <summary>
/// The resource fit check of NodeResourcesFit (upstream's <c>fitsRequest</c>, <c>Fits</c>, <c>isFit</c>
/// and <c>haveAnyRequestedResourcesIncreased</c>).
/// </summary>
internal static class ResourceFit
{
    private const string TooManyPods = "Too many pods";
    private const string InsufficientCpu = "Insufficient cpu";
    private const string InsufficientMemory = "Insufficient memory";
    private const string InsufficientEphemeralStorage = "Insufficient ephemeral-storage";
    private const int PodsBit = 0;
    private const int CpuBit = 1;
    private const int MemoryBit = 2;
    private const int EphemeralStorageBit = 3;
    private const int FirstScalarBit = 4;
    private const int MaxScalarBits = 64 - FirstScalarBit;
    private const int SmallScalarCount = 4;

    /// <summary>
    /// Every resource <paramref name="node"/> lacks for <paramref name="request"/>, in upstream's order
    /// (pod count, cpu, memory, ephemeral storage, scalars by name), or null when the pod fits. Nothing
    /// is allocated when it fits.
    /// </summary>
    public static List<InsufficientResource>? FitsRequest(PodResourceRequest request, NodeInfo node)
    {
        var found = new Found(keep: true);
        Check(request, node, ref found);
        return found.List;
    }

    /// <summary>
    /// How many resources <paramref name="node"/> lacks for <paramref name="request"/> (as
    /// <see cref="FitsRequest"/> lists them), the first one's reason, which ones (<paramref name="which"/>:
    /// bit 0 the pod count, 1 cpu, 2 memory, 3 ephemeral storage, 4 + i the request's scalar i; 0 when the
    /// request has more than 60 scalars), and whether any is unresolvable; allocates nothing.
    /// </summary>
    public static int CountInsufficient(PodResourceRequest request, NodeInfo node, out string? firstReason, out ulong which, out bool unresolvable)
    {
        var found = new Found(keep: false);
        Check(request, node, ref found);
        firstReason = found.FirstReason;
        which = request.ScalarNames.Length <= MaxScalarBits ? found.Which : 0;
        unresolvable = found.Unresolvable;
        return found.Count;
    }

    /// <summary>The reasons of the resources in <paramref name="which"/> (as <see cref="CountInsufficient"/> gives it), in upstream's order.</summary>
    public static string[] Reasons(PodResourceRequest request, ulong which)
    {
        var reasons = new string[System.Numerics.BitOperations.PopCount(which)];
        var n = 0;
        for (var bit = 0; bit < 64 && n < reasons.Length; bit++)
        {
            if ((which & (1UL << bit)) != 0)
            {
                reasons[n++] = bit switch
                {
                    PodsBit => TooManyPods,
                    CpuBit => InsufficientCpu,
                    MemoryBit => InsufficientMemory,
                    EphemeralStorageBit => InsufficientEphemeralStorage,
                    _ => request.ScalarReasons[bit - FirstScalarBit],
                };
            }
        }

        return reasons;
    }

    private static void Check(PodResourceRequest request, NodeInfo node, ref Found found)
    {
        var podCount = node.PodCount;
        var allowedPods = node.AllowedPodNumber;
        if (podCount + 1 > allowedPods)
        {
            found.Add(PodsBit, new(ResourceNames.Pods, TooManyPods, 1, podCount, allowedPods, Unresolvable: false));
        }

        var (cpu, requestedCpu) = (node.AllocatableMilliCpu, node.RequestedMilliCpu);
        if (request.MilliCpu > 0 && request.MilliCpu > cpu - requestedCpu)
        {
            found.Add(CpuBit, new(ResourceNames.Cpu, InsufficientCpu, request.MilliCpu, requestedCpu, cpu, request.MilliCpu > cpu));
        }

        var (memory, requestedMemory) = (node.AllocatableMemory, node.RequestedMemory);
        if (request.Memory > 0 && request.Memory > memory - requestedMemory)
        {
            found.Add(MemoryBit, new(ResourceNames.Memory, InsufficientMemory, request.Memory, requestedMemory, memory, request.Memory > memory));
        }

        var (storage, requestedStorage) = (node.AllocatableEphemeralStorage, node.RequestedEphemeralStorage);
        if (request.EphemeralStorage > 0 && request.EphemeralStorage > storage - requestedStorage)
        {
            found.Add(EphemeralStorageBit, new(
                ResourceNames.EphemeralStorage, InsufficientEphemeralStorage, request.EphemeralStorage, requestedStorage,
                storage, request.EphemeralStorage > storage));
        }

        var names = request.ScalarNames;
        for (var i = 0; i < names.Length; i++)
        {
            var quantity = request.ScalarValues[i];
            if (quantity > node.ScalarFree(names[i]))
            {
                var (capacity, used) = (Scalar(node.Allocatable, names[i]), Scalar(node.Requested, names[i]));
                found.Add(FirstScalarBit + i, new(names[i], request.ScalarReasons[i], quantity, used, capacity, quantity > capacity));
            }
        }
    }

    /// <summary>Whether <paramref name="node"/> has room for <paramref name="request"/> (<see cref="CountInsufficient"/> is 0), read from the node's own fields.</summary>
    public static bool FitsAll(PodResourceRequest request, NodeInfo node)
    {
        if (node.PodCount + 1 > node.AllowedPodNumber
            || (request.MilliCpu > 0 && request.MilliCpu > node.AllocatableMilliCpu - node.RequestedMilliCpu)
            || (request.Memory > 0 && request.Memory > node.AllocatableMemory - node.RequestedMemory)
            || (request.EphemeralStorage > 0 && request.EphemeralStorage > node.AllocatableEphemeralStorage - node.RequestedEphemeralStorage))
        {
            return false;
        }

        var names = request.ScalarNames;
        for (var i = 0; i < names.Length; i++)
        {
            if (request.ScalarValues[i] > node.ScalarFree(names[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// What <see cref="FitsAll(Vector256{long}, in NodeRow)"/> compares a row's first four fields with: the
    /// request's cpu, memory and storage (<see cref="long.MinValue"/> for an amount of 0 or less, which
    /// fits anywhere, as upstream skips it) and the one pod slot.
    /// </summary>
    public static Vector256<long> RowRequest(PodResourceRequest request) => Vector256.Create(
        request.MilliCpu > 0 ? request.MilliCpu : long.MinValue,
        request.Memory > 0 ? request.Memory : long.MinValue,
        request.EphemeralStorage > 0 ? request.EphemeralStorage : long.MinValue,
        1L);

    /// <summary>
    /// <see cref="FitsAll(PodResourceRequest, NodeInfo)"/> from the node's row, for a request without scalar
    /// resources, given as <see cref="RowRequest"/> gives it: the same comparisons of the same differences
    /// (the row's free cpu, memory, storage and pods each at least the wanted amount), in one compare.
    /// </summary>
    public static bool FitsAll(Vector256<long> wanted, in NodeRow row) =>
        Vector256.GreaterThanOrEqualAll(Unsafe.As<NodeRow, Vector256<long>>(ref Unsafe.AsRef(in row)), wanted);

    /// <summary>Upstream's <c>Fits</c>: the pod's whole request against <paramref name="node"/>, nothing ignored.</summary>
    public static List<InsufficientResource>? Fits(Pod pod, NodeInfo node) => FitsRequest(PodResourceRequest.From(pod.Spec.Requests()), node);

    /// <summary>Upstream's <c>isFit</c>: whether the pod fits an empty <paramref name="node"/>; false for no node.</summary>
    public static bool IsFit(Pod pod, Node? node) => node is not null && Fits(pod, new NodeInfo(node)) is null;

    /// <summary>
    /// Whether the allowed pod count grew, or the allocatable amount of a resource the pod requests grew,
    /// from <paramref name="original"/> to <paramref name="modified"/>.
    /// </summary>
    public static bool HaveAnyRequestedResourcesIncreased(Pod pod, Node original, Node modified)
    {
        var request = PodResourceRequest.From(pod.Spec.Requests());
        var before = original.Status.Allocatable;
        var after = modified.Status.Allocatable;
        if (after.Pods > before.Pods)
        {
            return true;
        }

        if ((request.MilliCpu > 0 && after.MilliCpu > before.MilliCpu)
            || (request.Memory > 0 && after.Memory > before.Memory)
            || (request.EphemeralStorage > 0 && after.EphemeralStorage > before.EphemeralStorage))
        {
            return true;
        }

        foreach (var name in request.ScalarNames)
        {
            if (after[name] > before[name])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The amount of scalar resource <paramref name="name"/>; 0 when absent.</summary>
    /// <remarks>
    /// A node has few scalar resources (often one, its GPUs) and Filter asks for them on every node of
    /// every cycle: walking a small dictionary's entries costs one array, where a lookup hashes the name
    /// and reads the buckets too. Keys compare ordinally, as the dictionary's comparer does.
    /// </remarks>
    public static long Scalar(NodeResources resources, string name)
    {
        if (resources.Scalars is not { } scalars)
        {
            return 0;
        }

        if (scalars.Count > SmallScalarCount)
        {
            return scalars.TryGetValue(name, out var value) ? value : 0;
        }

        foreach (var (key, value) in scalars)
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return 0;
    }

    /// <summary>The insufficient resources found: counted, and listed only when <c>keep</c>.</summary>
    private struct Found(bool keep)
    {
        public List<InsufficientResource>? List;
        public int Count;
        public string? FirstReason;
        public ulong Which;
        public bool Unresolvable;

        public void Add(int bit, InsufficientResource resource)
        {
            if (Count++ == 0)
            {
                FirstReason = resource.Reason;
            }

            if (bit < 64)
            {
                Which |= 1UL << bit;
            }

            Unresolvable |= resource.Unresolvable;
            if (keep)
            {
                (List ??= new(4)).Add(resource);
            }
        }
    }
}
