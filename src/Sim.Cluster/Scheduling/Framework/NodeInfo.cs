using Sim.Cluster.Objects;

namespace Sim.Scheduling;

/// <summary>
/// A node as the scheduler sees it (upstream's <c>framework.NodeInfo</c>): the node object, the pods
/// on it (bound or assumed), the sum of their requests (real and non-zero), the host ports in use and
/// the images present.
/// </summary>
public sealed class NodeInfo
{
    private static readonly Dictionary<string, ImageStateSummary> NoImages = new(StringComparer.Ordinal);

    private readonly List<PodInfo> _pods = [];
    private readonly List<PodInfo> _podsWithAffinity = [];
    private readonly List<PodInfo> _podsWithRequiredAntiAffinity = [];
    private Node _node;
    private string _name;
    private System.Collections.Immutable.ImmutableArray<Taint> _taints;
    private bool _unschedulable;

    // Copies of the totals the default plugins read for every node they look at, kept in this object so
    // that a node costs one or two cache lines rather than a walk over four heap objects. Kept equal to
    // Allocatable, Requested and NonZeroRequested by SetNode, AddPod and RemovePod.
    private long _allocatableMilliCpu;
    private long _allocatableMemory;
    private long _allocatableEphemeralStorage;
    private long _allowedPodNumber;
    private long _requestedMilliCpu;
    private long _requestedMemory;
    private long _requestedEphemeralStorage;
    private long _nonZeroMilliCpu;
    private long _nonZeroMemory;
    private int _podCount;

    // Scalar resources (extended resources such as GPUs) by position: every name in Allocatable or
    // Requested, with allocatable minus requested, so a fit check walks two small arrays.
    private string[] _scalarNames = [];
    private long[] _scalarFree = [];

    // The last two label keys looked up (TryGetLabel) and their values, null when the node lacks the
    // label: topology plugins look up one or two keys (zone, hostname) on every node in every cycle.
    private string? _labelKey0;
    private string? _labelValue0;
    private string? _labelKey1;
    private string? _labelValue1;

    /// <summary>Creates the info of <paramref name="node"/> with <paramref name="pods"/> on it.</summary>
    public NodeInfo(Node node, params IEnumerable<Pod> pods)
    {
        ArgumentNullException.ThrowIfNull(node);
        _node = node;
        (_name, _taints, _unschedulable) = (node.Metadata.Name, node.Spec.Taints, node.Spec.Unschedulable);
        Allocatable = NodeResources.From(node.Status.Allocatable);
        CopyAllocatable();
        foreach (var pod in pods)
        {
            AddPod(new PodInfo(pod));
        }
    }

    /// <summary>The node.</summary>
    public Node Node => _node;

    /// <summary>The node's name (kept here: plugins read it for every node they look at).</summary>
    public string Name => _name;

    /// <summary>The node's taints (<c>spec.taints</c>), kept here for the filters' hot path.</summary>
    public System.Collections.Immutable.ImmutableArray<Taint> Taints => _taints;

    /// <summary>Whether the node is cordoned (<c>spec.unschedulable</c>), kept here for the filters' hot path.</summary>
    public bool Unschedulable => _unschedulable;

    /// <summary>The pods on the node, bound or assumed, in the order they were added.</summary>
    public IReadOnlyList<PodInfo> Pods => _pods;

    /// <summary>The pods on the node with any pod affinity or anti-affinity term.</summary>
    public IReadOnlyList<PodInfo> PodsWithAffinity => _podsWithAffinity;

    /// <summary>The pods on the node with a required anti-affinity term.</summary>
    public IReadOnlyList<PodInfo> PodsWithRequiredAntiAffinity => _podsWithRequiredAntiAffinity;

    /// <summary>What pods may use. Read only: the node's totals change through <see cref="SetNode"/>, <see cref="AddPod"/> and <see cref="RemovePod"/>.</summary>
    public NodeResources Allocatable { get; private set; }

    /// <summary>The sum of the pods' effective requests. Read only, as <see cref="Allocatable"/>.</summary>
    public NodeResources Requested { get; private set; } = new();

    /// <summary>The same with the scoring defaults (100m CPU, 200 MiB memory) for containers that request none. Read only, as <see cref="Allocatable"/>.</summary>
    public NodeResources NonZeroRequested { get; private set; } = new();

    /// <summary>Allocatable milli-CPU (<see cref="Allocatable"/>'s, read without leaving this object).</summary>
    public long AllocatableMilliCpu => _allocatableMilliCpu;

    /// <summary>Allocatable memory bytes.</summary>
    public long AllocatableMemory => _allocatableMemory;

    /// <summary>Allocatable ephemeral-storage bytes.</summary>
    public long AllocatableEphemeralStorage => _allocatableEphemeralStorage;

    /// <summary>Pods allowed on the node.</summary>
    public long AllowedPodNumber => _allowedPodNumber;

    /// <summary>Requested milli-CPU (<see cref="Requested"/>'s).</summary>
    public long RequestedMilliCpu => _requestedMilliCpu;

    /// <summary>Requested memory bytes.</summary>
    public long RequestedMemory => _requestedMemory;

    /// <summary>Requested ephemeral-storage bytes.</summary>
    public long RequestedEphemeralStorage => _requestedEphemeralStorage;

    /// <summary>Requested milli-CPU with the scoring defaults (<see cref="NonZeroRequested"/>'s).</summary>
    public long NonZeroRequestedMilliCpu => _nonZeroMilliCpu;

    /// <summary>Requested memory with the scoring defaults.</summary>
    public long NonZeroRequestedMemory => _nonZeroMemory;

    /// <summary>The number of pods on the node (<see cref="Pods"/>' count).</summary>
    public int PodCount => _podCount;

    /// <summary>Host ports in use.</summary>
    public HostPortInfo UsedPorts { get; private set; } = new();

    /// <summary>Images on the node by normalized name, with how many nodes hold each (set by the snapshot).</summary>
    public IReadOnlyDictionary<string, ImageStateSummary> ImageStates { get; internal set; } = NoImages;

    /// <summary>Bumped on every change; lets callers detect a changed node.</summary>
    public long Generation { get; private set; }

    /// <summary>
    /// The node's position in its snapshot's slot table, unique among the snapshot's nodes and reused
    /// after a node is removed; −1 outside a snapshot (clones, infos built directly). Per-node memos
    /// index by it and check the node and its <see cref="Generation"/> before trusting an entry.
    /// </summary>
    internal int Slot { get; set; } = -1;

    /// <summary>Replaces the node object (labels, taints, allocatable may have changed).</summary>
    /// <remarks>
    /// A snapshot's node changes through <see cref="Snapshot.UpdateNode"/>, which calls this and also keeps
    /// the snapshot's zones, image counts and facts about all its nodes in step.
    /// </remarks>
    public void SetNode(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _node = node;
        (_name, _taints, _unschedulable) = (node.Metadata.Name, node.Spec.Taints, node.Spec.Unschedulable);
        (_labelKey0, _labelKey1) = (null, null);
        Allocatable = NodeResources.From(node.Status.Allocatable);
        CopyAllocatable();
        Generation++;
    }

    /// <summary>Adds a pod and its requests.</summary>
    public void AddPod(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        _pods.Add(pod);
        if (pod.HasAffinity)
        {
            _podsWithAffinity.Add(pod);
        }

        if (pod.RequiredAntiAffinityTerms.Length != 0)
        {
            _podsWithRequiredAntiAffinity.Add(pod);
        }

        Update(pod, sign: 1);
    }

    /// <summary>Removes the pod with <paramref name="pod"/>'s uid (or namespace and name); false when absent.</summary>
    public bool RemovePod(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var index = IndexOf(_pods, pod);
        if (index < 0)
        {
            return false;
        }

        var info = _pods[index];
        _pods.RemoveAt(index);
        if (IndexOf(_podsWithAffinity, pod) is var a and >= 0)
        {
            _podsWithAffinity.RemoveAt(a);
        }

        if (IndexOf(_podsWithRequiredAntiAffinity, pod) is var r and >= 0)
        {
            _podsWithRequiredAntiAffinity.RemoveAt(r);
        }

        Update(info, sign: -1);
        return true;
    }

    /// <summary>
    /// Puts <paramref name="pod"/>, a newer version of <paramref name="info"/>'s pod with the same requests
    /// and no affinity terms or host ports, in its place, leaving the node as <see cref="RemovePod"/> and
    /// <see cref="AddPod"/> of the new version would (the info moves to the end of <see cref="Pods"/>,
    /// <see cref="Generation"/> moves, the totals stay) without taking the requests off and back.
    /// </summary>
    internal void ReplacePodObject(PodInfo info, Pod pod)
    {
        var index = _pods.IndexOf(info);
        _pods.RemoveAt(index);
        _pods.Add(info);
        info.Pod = pod;
        Generation++;
    }

    /// <summary>A deep copy (pods are shared, totals and ports copied), for trying changes.</summary>
    public NodeInfo Clone()
    {
        var copy = new NodeInfo(_node)
        {
            Allocatable = Allocatable,
            Requested = Requested.Clone(),
            NonZeroRequested = NonZeroRequested.Clone(),
            UsedPorts = UsedPorts.Clone(),
            ImageStates = ImageStates,
            Generation = Generation,
        };
        copy._pods.AddRange(_pods);
        copy._podsWithAffinity.AddRange(_podsWithAffinity);
        copy._podsWithRequiredAntiAffinity.AddRange(_podsWithRequiredAntiAffinity);
        (copy._requestedMilliCpu, copy._requestedMemory, copy._requestedEphemeralStorage) = (_requestedMilliCpu, _requestedMemory, _requestedEphemeralStorage);
        (copy._nonZeroMilliCpu, copy._nonZeroMemory, copy._podCount) = (_nonZeroMilliCpu, _nonZeroMemory, _podCount);
        (copy._scalarNames, copy._scalarFree) = (_scalarNames, (long[])_scalarFree.Clone());
        return copy;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({_pods.Count} pods, requested {Requested})";

    /// <summary>
    /// The node's value of label <paramref name="key"/>, as <c>Node.Metadata.Labels.TryGetValue</c>: the
    /// last two keys asked for are answered without searching the label map.
    /// </summary>
    public bool TryGetLabel(string key, out string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.Equals(key, _labelKey0, StringComparison.Ordinal))
        {
            value = _labelValue0!;
            return _labelValue0 is not null;
        }

        if (string.Equals(key, _labelKey1, StringComparison.Ordinal))
        {
            value = _labelValue1!;
            return _labelValue1 is not null;
        }

        var found = _node.Metadata.Labels.TryGetValue(key, out var labelValue);
        (_labelKey1, _labelValue1) = (_labelKey0, _labelValue0);
        (_labelKey0, _labelValue0) = (key, found ? labelValue : null);
        value = labelValue!;
        return found;
    }

    /// <summary>Allocatable minus requested of scalar resource <paramref name="name"/> (0 when the node has neither).</summary>
    internal long ScalarFree(string name)
    {
        var names = _scalarNames;
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return _scalarFree[i];
            }
        }

        return 0;
    }

    private void CopyAllocatable()
    {
        (_allocatableMilliCpu, _allocatableMemory, _allocatableEphemeralStorage, _allowedPodNumber) =
            (Allocatable.MilliCpu, Allocatable.Memory, Allocatable.EphemeralStorage, Allocatable.AllowedPodNumber);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        names.UnionWith(Allocatable.Scalars?.Keys ?? Enumerable.Empty<string>());
        names.UnionWith(Requested.Scalars?.Keys ?? Enumerable.Empty<string>());
        _scalarNames = [.. names];
        _scalarFree = [.. _scalarNames.Select(name => Allocatable.Get(name) - Requested.Get(name))];
    }

    private void UpdateScalars(Sim.Cluster.Resources.ResourceList requests, int sign)
    {
        foreach (var (name, value) in requests.Scalars)
        {
            var index = Array.IndexOf(_scalarNames, name);
            if (index < 0)
            {
                // Requested without being allocatable: its allocatable is 0.
                index = _scalarNames.Length;
                _scalarNames = [.. _scalarNames, name];
                _scalarFree = [.. _scalarFree, 0];
            }

            _scalarFree[index] -= sign * value;
        }
    }

    private static int IndexOf(List<PodInfo> pods, Pod pod)
    {
        var uid = pod.Metadata.Uid;
        for (var i = 0; i < pods.Count; i++)
        {
            var candidate = pods[i].Pod.Metadata;
            if (uid != 0 ? candidate.Uid == uid : candidate.Name == pod.Metadata.Name && candidate.Namespace == pod.Metadata.Namespace)
            {
                return i;
            }
        }

        return -1;
    }

    private void Update(PodInfo pod, int sign)
    {
        if (sign > 0)
        {
            Requested.Add(pod.Requests);
        }
        else
        {
            Requested.Subtract(pod.Requests);
        }

        NonZeroRequested.MilliCpu += sign * pod.NonZeroMilliCpu;
        NonZeroRequested.Memory += sign * pod.NonZeroMemory;
        (_requestedMilliCpu, _requestedMemory, _requestedEphemeralStorage) = (Requested.MilliCpu, Requested.Memory, Requested.EphemeralStorage);
        (_nonZeroMilliCpu, _nonZeroMemory) = (NonZeroRequested.MilliCpu, NonZeroRequested.Memory);
        _podCount = _pods.Count;
        if (pod.Requests.Scalars.Count != 0)
        {
            UpdateScalars(pod.Requests, sign);
        }

        if (pod.HasHostPorts)
        {
            foreach (var port in PodInfo.HostPorts(pod.Pod))
            {
                if (sign > 0)
                {
                    UsedPorts.Add(port.HostIP, port.Protocol, port.HostPort);
                }
                else
                {
                    UsedPorts.Remove(port.HostIP, port.Protocol, port.HostPort);
                }
            }
        }

        Generation++;
    }
}
