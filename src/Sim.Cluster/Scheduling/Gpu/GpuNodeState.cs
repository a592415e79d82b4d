using Sim.Cluster.Api;
using Sim.Cluster.Gpu;

namespace Sim.Scheduling.Gpu;

/// <summary>
/// A node's GPUs as the GPU plugins see them (the FGD simulator's <c>NodeResource</c>): the CPU left
/// (allocatable less the pods' requests), the model, the free milli-GPU of each device, and how many
/// pods of each <see cref="GpuClass"/> it hosts. Derived from a <see cref="NodeInfo"/>: every GPU pod on
/// it takes its milli-GPU from the devices named in its <see cref="GpuAnnotations.DeviceIndex"/>; a
/// GPU pod without a (valid) device list is given devices as Open-GPU-Share would (the tightest device
/// for a share, the lowest-numbered free ones for whole GPUs), after the others, in pod order.
/// </summary>
public sealed class GpuNodeState
{
    private int[] _free = [];
    private int[] _classes = [];

    /// <summary>The <see cref="NodeInfo.Generation"/> the state reflects.</summary>
    public long Generation { get; private set; } = -1;

    /// <summary>The model of the node's GPUs; empty when it has no model label.</summary>
    public string Model { get; private set; } = string.Empty;

    /// <summary>Allocatable CPU less the pods' CPU requests, in milli-cores.</summary>
    public long MilliCpuLeft { get; private set; }

    /// <summary>Allocatable CPU in milli-cores.</summary>
    public long MilliCpuCapacity { get; private set; }

    /// <summary>The number of GPU devices.</summary>
    public int DeviceCount { get; private set; }

    /// <summary>The free milli-GPU of each device (1000 for an idle one), by device index.</summary>
    public ReadOnlySpan<int> FreeMilli => _free.AsSpan(0, DeviceCount);

    /// <summary>The free milli-GPU of all devices.</summary>
    public long TotalFreeMilli { get; private set; }

    /// <summary>The number of idle devices (1000 free).</summary>
    public int FullyFreeDevices { get; private set; }

    /// <summary>The number of different <see cref="GpuClass"/>es of the GPU pods on the node (0 when it hosts none).</summary>
    public int DistinctClasses { get; private set; }

    /// <summary>A fragmentation computed for this state by a plugin (FGD's F_n(M)), valid while <see cref="CachedFragmentationOf"/> is the workload version it was computed for.</summary>
    internal double CachedFragmentation { get; set; }

    /// <summary>The workload version of <see cref="CachedFragmentation"/>; −1 when there is none (reset by every rebuild).</summary>
    internal long CachedFragmentationOf { get; set; } = -1;

    /// <summary>
    /// Scores a plugin computed for this state, by the plugin's number for the pod's shape: score + 1,
    /// 0 when not computed. Valid with <see cref="CachedFragmentation"/> (the plugin clears it when it
    /// recomputes that; a rebuild invalidates both).
    /// </summary>
    internal int[] CachedScores { get; set; } = [];

    /// <summary>The number of pods of <paramref name="gpuClass"/> on the node.</summary>
    public int PodsOfClass(int gpuClass) => (uint)gpuClass < (uint)_classes.Length ? _classes[gpuClass] : 0;

    /// <summary>The state of <paramref name="node"/>, leaving out the pod at <paramref name="without"/> (its CPU and devices) when it is there.</summary>
    public static GpuNodeState Of(NodeInfo node, ObjectKey? without = null)
    {
        var state = new GpuNodeState();
        state.Rebuild(node, without);
        return state;
    }

    /// <summary>Recomputes the state from <paramref name="node"/>, reusing the arrays.</summary>
    internal void Rebuild(NodeInfo node, ObjectKey? without = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        Generation = without is null ? node.Generation : -1;
        CachedFragmentationOf = -1;
        Model = GpuNode.Model(node.Node);
        DeviceCount = GpuNode.DeviceCount(node.Node);
        MilliCpuCapacity = node.Allocatable.MilliCpu;
        MilliCpuLeft = node.Allocatable.MilliCpu - node.Requested.MilliCpu;
        if (_free.Length < DeviceCount)
        {
            _free = new int[DeviceCount];
        }

        _free.AsSpan(0, DeviceCount).Fill(GpuAnnotations.MilliPerGpu);
        if (_classes.Length < DeviceCount + 2)
        {
            _classes = new int[DeviceCount + 2];
        }

        Array.Clear(_classes);
        List<GpuRequest>? unassigned = null;
        Span<int> devices = DeviceCount <= 64 ? stackalloc int[DeviceCount] : new int[DeviceCount];
        var pods = node.Pods;
        for (var p = 0; p < pods.Count; p++)
        {
            var pod = pods[p].Pod;
            if (without is { } key && pod.Key == key)
            {
                MilliCpuLeft += pods[p].Requests.MilliCpu;
                continue;
            }

            if (!GpuRequest.TryRead(pod, out var request, out _) || request.IsNone)
            {
                continue;
            }

            var gpuClass = GpuClass.Of(request);
            if (gpuClass >= _classes.Length)
            {
                Array.Resize(ref _classes, gpuClass + 1);
            }

            _classes[gpuClass]++;
            if (!Assigned(pod.Metadata.Annotations.GetValueOrDefault(GpuAnnotations.DeviceIndex), request, devices))
            {
                (unassigned ??= []).Add(request);
            }
        }

        foreach (var request in unassigned ?? [])
        {
            var count = GpuDeviceSelection.OpenGpuShare(FreeMilli, request, devices);
            for (var i = 0; i < count; i++)
            {
                _free[devices[i]] -= request.MilliPerGpu;
            }
        }

        TotalFreeMilli = 0;
        FullyFreeDevices = 0;
        foreach (var free in FreeMilli)
        {
            TotalFreeMilli += free;
            if (free == GpuAnnotations.MilliPerGpu)
            {
                FullyFreeDevices++;
            }
        }

        DistinctClasses = 0;
        for (var c = GpuClass.Share; c < _classes.Length; c++)
        {
            if (_classes[c] != 0)
            {
                DistinctClasses++;
            }
        }
    }

    /// <summary>Takes the pod's milli-GPU from the devices of <paramref name="index"/>; false (nothing taken) when it names no valid devices.</summary>
    private bool Assigned(string? index, GpuRequest request, Span<int> devices)
    {
        if (index is null || devices.Length == 0)
        {
            return false;
        }

        var count = GpuDeviceIndex.Parse(index, devices);
        if (count != request.Count)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if ((uint)devices[i] >= (uint)DeviceCount)
            {
                return false;
            }
        }

        for (var i = 0; i < count; i++)
        {
            _free[devices[i]] -= request.MilliPerGpu;
        }

        return true;
    }
}
