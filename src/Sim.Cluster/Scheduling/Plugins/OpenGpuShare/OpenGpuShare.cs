using Sim.Cluster.Gpu;
using Sim.Cluster.Objects;
using Sim.Engine.Randomness;
using Sim.Scheduling.Gpu;

namespace Sim.Scheduling.Plugins.OpenGpuShare;

/// <summary>
/// GPU sharing (the FGD simulator's <c>open_gpu_share.go</c>, after Alibaba's Open-GPU-Share): filters
/// out nodes that cannot give a pod its GPUs, chooses the devices at Reserve, and writes them to the pod
/// (<see cref="GpuAnnotations.DeviceIndex"/>) before it is bound. Not an upstream kube-scheduler plugin;
/// registered by <see cref="CataloguePlugins"/>.
/// </summary>
/// <remarks>
/// <para>
/// The pod's request is its <see cref="GpuAnnotations"/> (<see cref="GpuRequest"/>); a pod without them
/// is not this plugin's business (PreFilter skips), one with invalid ones is unschedulable. Filter rejects
/// a node without GPUs, with GPUs of a model the pod does not allow, or without devices that fit
/// (a device with the share free, or enough idle devices for whole GPUs). Devices are counted per node
/// by <see cref="GpuNodeState"/>: every GPU pod on it holds its milli-GPU on its devices.
/// </para>
/// <para>
/// Reserve picks the devices by <see cref="OpenGpuShareArgs.GpuSelMethod"/> on the node as it was before
/// the pod was assumed (a device list already on the pod is kept if it fits) and puts the pod, annotated
/// with them, in the snapshot in place of the assumed copy, so later cycles count the devices at once;
/// Unreserve puts the plain copy back. PreBind writes the annotation through the API server (offline,
/// without a client, nothing is written).
/// </para>
/// </remarks>
public sealed class OpenGpuShare : IPreFilterPlugin, IFilterPlugin, IReservePlugin, IPreBindPlugin, IEnqueueExtensions
{
    /// <summary>The plugin's name.</summary>
    public const string PluginName = "OpenGpuShare";

    /// <summary>Filter's reason for a node without GPUs.</summary>
    public const string ErrReasonNoGpu = "node(s) had no GPU";

    /// <summary>Filter's reason for a node whose GPUs are of a model the pod does not allow.</summary>
    public const string ErrReasonModel = "node(s) had no GPU of the pod's model";

    /// <summary>Filter's reason for a node without devices that hold the pod's GPUs.</summary>
    public const string ErrReasonDevices = "node(s) had no GPU devices free for the pod";

    private static readonly StateKey<PreFilterState> PreFilterKey = new("PreFilter" + PluginName);
    private static readonly StateKey<Assignment> AssignmentKey = new("Reserve" + PluginName);

    private static readonly IReadOnlyList<ClusterEventWithHint> Events =
    [
        new(new ClusterEvent(EventResource.Node, ActionType.Add | ActionType.UpdateNodeAllocatable | ActionType.UpdateNodeLabel)),
        new(new ClusterEvent(EventResource.AssignedPod, ActionType.Delete)),
    ];

    private readonly IFrameworkHandle _handle;
    private readonly string _method;
    private readonly SimRandom _random;
    private readonly GpuNodeStates _states = new();
    private IGpuDeviceSelector? _selector;

    /// <summary>A plugin choosing devices as <paramref name="args"/> say, in <paramref name="handle"/>'s snapshot.</summary>
    public OpenGpuShare(OpenGpuShareArgs args, IFrameworkHandle handle)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(handle);
        if (args.Validate(string.Empty) is [var problem, ..])
        {
            throw new SchedulerConfigException($"{PluginName}: {problem}");
        }

        _handle = handle;
        _method = args.GpuSelMethod;
        _random = handle.RandomFor(PluginName);
    }

    /// <inheritdoc />
    public string Name => PluginName;

    /// <inheritdoc />
    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, out PreFilterResult? result)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        result = null;
        if (!GpuRequest.TryRead(pod.Pod, out var request, out var error))
        {
            return Status.UnschedulableAndUnresolvable(error);
        }

        if (request.IsNone)
        {
            return Status.Skip;
        }

        state.Write(PreFilterKey, new PreFilterState(request));
        return Status.Success;
    }

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        var request = state.Read(PreFilterKey)?.Request ?? GpuRequest.Of(pod.Pod);
        if (request.IsNone)
        {
            return Status.Success;
        }

        var gpus = _states.Get(node);
        if (gpus.DeviceCount == 0)
        {
            return Status.Unschedulable(ErrReasonNoGpu);
        }

        if (!request.AllowsModel(gpus.Model))
        {
            return Status.Unschedulable(ErrReasonModel);
        }

        return GpuDeviceSelection.Fits(gpus.FreeMilli, request) ? Status.Success : Status.Unschedulable(ErrReasonDevices);
    }

    /// <inheritdoc />
    public Status Reserve(CycleState state, PodInfo pod, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        var request = GpuRequest.Of(pod.Pod);
        if (request.IsNone)
        {
            return Status.Success;
        }

        var snapshot = _handle.Snapshot;
        if (snapshot.Get(nodeName) is not { } node)
        {
            return Status.Error($"node \"{nodeName}\" not found");
        }

        var gpus = GpuNodeState.Of(node, pod.Pod.Key);
        Span<int> devices = stackalloc int[Math.Min(request.Count, 1024)];
        var count = Preassigned(pod.Pod, request, gpus, devices);
        if (count < 0)
        {
            count = Select(pod, request, gpus, devices, out var problem);
            if (problem is not null)
            {
                return Status.Error(problem);
            }
        }

        if (count != request.Count)
        {
            return Status.Error($"failed to allocate GPU devices to pod {pod} on node \"{nodeName}\"");
        }

        var annotated = pod.Pod.WithDevices(devices[..count]);
        var assignment = new Assignment(annotated);
        state.Write(AssignmentKey, assignment);
        if (ReferenceEquals(snapshot.NodeOf(pod.Pod.Key), node))
        {
            snapshot.AddPod(new PodInfo(annotated), nodeName);
            assignment.InSnapshot = true;
        }

        return Status.Success;
    }

    /// <inheritdoc />
    public void Unreserve(CycleState state, PodInfo pod, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        if (state.Read(AssignmentKey) is not { InSnapshot: true } assignment)
        {
            return;
        }

        assignment.InSnapshot = false;
        var snapshot = _handle.Snapshot;
        if (snapshot.GetPod(pod.Pod.Key) is { } current && ReferenceEquals(current.Pod, assignment.Pod) && snapshot.Get(nodeName) is not null)
        {
            snapshot.AddPod(pod, nodeName);
        }
    }

    /// <inheritdoc />
    public Status PreBind(CycleState state, PodInfo pod, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        if (state.Read(AssignmentKey) is not { } assignment || _handle.Client is not { } client)
        {
            return Status.Success;
        }

        var index = assignment.Pod.Metadata.Annotations[GpuAnnotations.DeviceIndex];
        var uid = pod.Pod.Metadata.Uid;
        var written = client.Modify<Pod>(
            pod.Pod.Key,
            current => current.Metadata.Uid != uid
                ? current
                : current with { Metadata = current.Metadata with { Annotations = current.Metadata.Annotations.SetItem(GpuAnnotations.DeviceIndex, index) } },
            $"GPU devices {index} on {nodeName}");
        return written is null || written.Metadata.Uid != uid ? Status.Error($"pod {pod} not found") : Status.Success;
    }

    /// <inheritdoc />
    public IReadOnlyList<ClusterEventWithHint> EventsToRegister() => Events;

    /// <summary>The devices already on the pod when they fit (their count), −1 when it names none, 0 when they do not fit.</summary>
    private static int Preassigned(Pod pod, GpuRequest request, GpuNodeState gpus, Span<int> devices)
    {
        if (pod.Metadata.Annotations.GetValueOrDefault(GpuAnnotations.DeviceIndex) is not { } index)
        {
            return -1;
        }

        var count = GpuDeviceIndex.Parse(index, devices);
        if (count != request.Count)
        {
            return 0;
        }

        var free = gpus.FreeMilli;
        for (var i = 0; i < count; i++)
        {
            if ((uint)devices[i] >= (uint)free.Length || free[devices[i]] < request.MilliPerGpu)
            {
                return 0;
            }
        }

        return count;
    }

    private int Select(PodInfo pod, GpuRequest request, GpuNodeState gpus, Span<int> devices, out string? problem)
    {
        problem = null;
        switch (_method)
        {
            case OpenGpuShareArgs.BestFit:
                return GpuDeviceSelection.BestFit(gpus.FreeMilli, request, devices);
            case OpenGpuShareArgs.WorstFit:
                return GpuDeviceSelection.WorstFit(gpus.FreeMilli, request, devices);
            case OpenGpuShareArgs.Random:
                return GpuDeviceSelection.Random(gpus.FreeMilli, request, devices, _random);
        }

        _selector ??= _handle.Profile.Plugins.GetValueOrDefault(_method) as IGpuDeviceSelector;
        if (_selector is null)
        {
            problem = $"gpuSelMethod \"{_method}\" is neither best, worst, random nor a GPU device-selecting plugin of the profile";
            return 0;
        }

        return _selector.SelectDevices(pod, request, gpus, devices);
    }

    private sealed class PreFilterState(GpuRequest request) : IStateData
    {
        public GpuRequest Request { get; } = request;

        public IStateData Clone() => this;
    }

    private sealed class Assignment(Pod pod) : IStateData
    {
        /// <summary>The pod annotated with its devices.</summary>
        public Pod Pod { get; } = pod;

        /// <summary>True while the annotated pod stands in the snapshot for the assumed one.</summary>
        public bool InSnapshot { get; set; }

        public IStateData Clone() => this;
    }
}
