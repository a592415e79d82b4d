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

    // Copies of the totals the default plugins read for every node they look at, and the cells where
    // per-node memos keep their values, in one block of this object: a node costs one or two cache lines
    // rather than a walk over four heap objects and a memo table per plugin. The totals are kept equal to
    // Allocatable, Requested and NonZeroRequested by SetNode, AddPod and RemovePod, which also empty the cells.
    private HotState _hot;

    // The node's row in its snapshot's current node table, where its free totals are copied and its memo
    // cells live (null outside a snapshot's list).
    private NodeTable? _table;
    private int _tableIndex;

    // The node's slots in up to two topology indexes (PodTopologySpread's and InterPodAffinity's), noted
    // by the indexes themselves (PodTopologyIndex).
    private object? _indexOwner0;
    private object? _indexOwner1;
    private int _indexSlot0;
    private int _indexSlot1;

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
    public long AllocatableMilliCpu => _hot.AllocatableMilliCpu;

    /// <summary>Allocatable memory bytes.</summary>
    public long AllocatableMemory => _hot.AllocatableMemory;

    /// <summary>Allocatable ephemeral-storage bytes.</summary>
    public long AllocatableEphemeralStorage => _hot.AllocatableEphemeralStorage;

    /// <summary>Pods allowed on the node.</summary>
    public long AllowedPodNumber => _hot.AllowedPodNumber;

    /// <summary>Requested milli-CPU (<see cref="Requested"/>'s).</summary>
    public long RequestedMilliCpu => _hot.RequestedMilliCpu;

    /// <summary>Requested memory bytes.</summary>
    public long RequestedMemory => _hot.RequestedMemory;

    /// <summary>Requested ephemeral-storage bytes.</summary>
    public long RequestedEphemeralStorage => _hot.RequestedEphemeralStorage;

    /// <summary>Requested milli-CPU with the scoring defaults (<see cref="NonZeroRequested"/>'s).</summary>
    public long NonZeroRequestedMilliCpu => _hot.NonZeroMilliCpu;

    /// <summary>Requested memory with the scoring defaults.</summary>
    public long NonZeroRequestedMemory => _hot.NonZeroMemory;

    /// <summary>The number of pods on the node (<see cref="Pods"/>' count).</summary>
    public int PodCount => _hot.PodCount;

    /// <summary>Host ports in use.</summary>
    public HostPortInfo UsedPorts { get; private set; } = new();

    /// <summary>Images on the node by normalized name, with how many nodes hold each (set by the snapshot).</summary>
    public IReadOnlyDictionary<string, ImageStateSummary> ImageStates { get; internal set; } = NoImages;

    /// <summary>Bumped on every change; lets callers detect a changed node.</summary>
    public long Generation { get; private set; }

    /// <summary>The node table this node has a row in (the snapshot's list), or null.</summary>
    internal NodeTable? Table => _table;

    /// <summary>This node's position in <see cref="Table"/>.</summary>
    internal int TableIndex => _tableIndex;

    /// <summary>
    /// Memo cell <paramref name="index"/> (below <see cref="MemoCells.Count"/>): where a
    /// <see cref="NodeScoreMemo"/> keeps this node's value, in the node's row while its table is current
    /// and in the object otherwise. Every change to the node empties both, a clone and a new row start
    /// with empty ones.
    /// </summary>
    internal ref readonly MemoCell Memo(int index)
    {
        if (_table is { Current: true } table)
        {
            return ref table.Rows[_tableIndex].Memo[index];
        }

        return ref _hot.Memo[index];
    }

    /// <summary>Sets memo cell <paramref name="index"/> (<see cref="Memo"/>), in both of the node's rows while its table is current.</summary>
    internal void SetMemo(int index, MemoCell cell)
    {
        if (_table is { Current: true } table)
        {
            table.Rows[_tableIndex].Memo[index] = cell;
            table.Rows[_tableIndex + table.Count].Memo[index] = cell;
            return;
        }

        _hot.Memo[index] = cell;
    }

    /// <summary>Gives the node row <paramref name="index"/> of <paramref name="table"/> (and its second, <see cref="NodeTable.Rows"/>), filled from its totals.</summary>
    internal void Attach(NodeTable table, int index)
    {
        (_table, _tableIndex) = (table, index);
        WriteRows(table);
    }

    /// <summary>Takes the node out of its table (it left the snapshot).</summary>
    internal void Detach() => _table = null;

    /// <summary>
    /// The node's slot in <paramref name="index"/> (a topology index that holds it), when the index noted
    /// it here with <see cref="NoteIndexSlot"/>: an index reads it without a lookup of its own.
    /// </summary>
    internal bool TryGetIndexSlot(object index, out int slot)
    {
        if (ReferenceEquals(_indexOwner0, index))
        {
            slot = _indexSlot0;
            return true;
        }

        if (ReferenceEquals(_indexOwner1, index))
        {
            slot = _indexSlot1;
            return true;
        }

        slot = -1;
        return false;
    }

    /// <summary>Notes the node's slot in <paramref name="index"/> (two indexes at most; a third is not noted).</summary>
    internal void NoteIndexSlot(object index, int slot)
    {
        if (_indexOwner0 is null || ReferenceEquals(_indexOwner0, index))
        {
            (_indexOwner0, _indexSlot0) = (index, slot);
        }
        else if (_indexOwner1 is null || ReferenceEquals(_indexOwner1, index))
        {
            (_indexOwner1, _indexSlot1) = (index, slot);
        }
        else
        {
            return;
        }

        _table?.IndexSlotChanged(_tableIndex, index, slot);
    }

    /// <summary>Forgets the node's slot in <paramref name="index"/> (the index no longer holds the node).</summary>
    internal void ForgetIndexSlot(object index)
    {
        if (ReferenceEquals(_indexOwner0, index))
        {
            _indexOwner0 = null;
        }

        if (ReferenceEquals(_indexOwner1, index))
        {
            _indexOwner1 = null;
        }

        _table?.IndexSlotChanged(_tableIndex, index, -1);
    }

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
        _table?.NodeChanged(_tableIndex, node);
        Changed();
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
    /// it counts as a change: <see cref="Generation"/> moves, remembered scores are emptied and the node's
    /// row rewritten; the totals stay) without taking the requests off and back.
    /// </summary>
    internal void ReplacePodObject(PodInfo info, Pod pod)
    {
        var index = _pods.IndexOf(info);
        _pods.RemoveAt(index);
        _pods.Add(info);
        info.Pod = pod;
        Changed();
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
        (copy._hot.RequestedMilliCpu, copy._hot.RequestedMemory, copy._hot.RequestedEphemeralStorage) = (_hot.RequestedMilliCpu, _hot.RequestedMemory, _hot.RequestedEphemeralStorage);
        (copy._hot.NonZeroMilliCpu, copy._hot.NonZeroMemory, copy._hot.PodCount) = (_hot.NonZeroMilliCpu, _hot.NonZeroMemory, _hot.PodCount);
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
        (_hot.AllocatableMilliCpu, _hot.AllocatableMemory, _hot.AllocatableEphemeralStorage, _hot.AllowedPodNumber) =
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
        (_hot.RequestedMilliCpu, _hot.RequestedMemory, _hot.RequestedEphemeralStorage) = (Requested.MilliCpu, Requested.Memory, Requested.EphemeralStorage);
        (_hot.NonZeroMilliCpu, _hot.NonZeroMemory) = (NonZeroRequested.MilliCpu, NonZeroRequested.Memory);
        _hot.PodCount = _pods.Count;
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

        Changed();
    }

    private void Changed()
    {
        Generation++;
        _hot.Memo = default;
        if (_table is { } table)
        {
            WriteRows(table);
        }
    }

    private void WriteRows(NodeTable table)
    {
        WriteRow(ref table.Rows[_tableIndex]);
        table.Rows[_tableIndex + table.Count] = table.Rows[_tableIndex];
    }

    private void WriteRow(ref NodeRow row) => row = new NodeRow
    {
        FreeMilliCpu = _hot.AllocatableMilliCpu - _hot.RequestedMilliCpu,
        FreeMemory = _hot.AllocatableMemory - _hot.RequestedMemory,
        FreeEphemeralStorage = _hot.AllocatableEphemeralStorage - _hot.RequestedEphemeralStorage,
        FreePods = _hot.AllowedPodNumber - _hot.PodCount,
    };

    private struct HotState
    {
        public long AllocatableMilliCpu;
        public long AllocatableMemory;
        public long AllocatableEphemeralStorage;
        public long AllowedPodNumber;
        public long RequestedMilliCpu;
        public long RequestedMemory;
        public long RequestedEphemeralStorage;
        public long NonZeroMilliCpu;
        public long NonZeroMemory;
        public int PodCount;
        public MemoCells Memo;
    }
}

/// <summary>A per-node memo's value for a node, valid while <see cref="Stamp"/> is the memo's current stamp (0: empty).</summary>
internal struct MemoCell
{
    /// <summary>The stamp of the memo key the value was computed under.</summary>
    public long Stamp;

    /// <summary>The remembered value.</summary>
    public long Value;
}

/// <summary>The memo cells of a node, inline in its <see cref="NodeInfo"/>.</summary>
[System.Runtime.CompilerServices.InlineArray(Count)]
internal struct MemoCells
{
    /// <summary>How many cells a node has.</summary>
    public const int Count = 2;

    private MemoCell _first;
}
