using Sim.Cluster.Api;
using Sim.Cluster.Objects;

namespace Sim.Scheduling;

/// <summary>
/// The scheduler's view of the cluster (upstream's cache and its per-cycle snapshot in one, since a
/// simulated cycle runs without interleaving): every node's <see cref="NodeInfo"/> in the node tree's
/// zone-interleaved order, the pods on them (bound and assumed), and how many nodes hold each image.
/// </summary>
public sealed class Snapshot
{
    private readonly Dictionary<string, NodeInfo> _byName = new(StringComparer.Ordinal);
    private readonly List<string> _zones = [];
    private readonly Dictionary<string, List<NodeInfo>> _tree = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _zoneOf = new(StringComparer.Ordinal);
    // Each pod's node and its PodInfo in that node's list (the same object), for lookups without a scan.
    // Sharded, so that no array of it goes to the large object heap as the cluster grows.
    private readonly ObjectKeyMap<(NodeInfo Node, PodInfo Pod)> _podNode = new();
    private readonly Dictionary<string, ImageStateSummary> _images = new(StringComparer.Ordinal);
    private readonly List<ISnapshotObserver> _observers = [];
    private int _nodesWithTaints;
    private int _unschedulableNodes;
    private NodeInfo[] _list = [];
    private NodeTable? _table;
    private bool _listDirty;
    private NodeInfo[] _withAffinity = [];
    private NodeInfo[] _withRequiredAntiAffinity = [];
    private bool _affinityDirty;

    /// <summary>A snapshot of <paramref name="nodes"/> with <paramref name="pods"/> on them (pods whose node is unknown or unset are ignored).</summary>
    public static Snapshot Create(IEnumerable<Node> nodes, IEnumerable<Pod>? pods = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var snapshot = new Snapshot();
        foreach (var node in nodes)
        {
            snapshot.AddNode(node);
        }

        foreach (var pod in pods ?? [])
        {
            if (pod.IsBound && snapshot.Get(pod.Spec.NodeName) is not null)
            {
                snapshot.AddPod(new PodInfo(pod), pod.Spec.NodeName);
            }
        }

        return snapshot;
    }

    /// <summary>The nodes in the order the scheduler searches them: round-robin over zones, each zone in the order its nodes were added.</summary>
    public IReadOnlyList<NodeInfo> NodeInfos
    {
        get
        {
            if (_listDirty)
            {
                RebuildList();
            }

            return _list;
        }
    }

    /// <summary>The number of nodes.</summary>
    public int NumNodes => _byName.Count;

    /// <summary>The number of pods on all nodes.</summary>
    public int NumPods => _podNode.Count;

    /// <summary>Nodes with at least one pod that has pod affinity or anti-affinity terms, in search order.</summary>
    public IReadOnlyList<NodeInfo> HavePodsWithAffinity
    {
        get
        {
            RefreshAffinityLists();
            return _withAffinity;
        }
    }

    /// <summary>Nodes with at least one pod that has a required anti-affinity term, in search order.</summary>
    public IReadOnlyList<NodeInfo> HavePodsWithRequiredAntiAffinity
    {
        get
        {
            RefreshAffinityLists();
            return _withRequiredAntiAffinity;
        }
    }

    /// <summary>Tells <paramref name="observer"/> of every later change to the nodes and pods.</summary>
    public void Subscribe(ISnapshotObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Add(observer);
    }

    /// <summary>Stops telling <paramref name="observer"/>; false when it was not subscribed.</summary>
    public bool Unsubscribe(ISnapshotObserver observer) => _observers.Remove(observer);

    /// <summary>The node named <paramref name="name"/>, or null.</summary>
    public NodeInfo? Get(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The node the pod at <paramref name="key"/> is on (bound or assumed), or null.</summary>
    public NodeInfo? NodeOf(ObjectKey key) => _podNode.TryGetValue(key, out var entry) ? entry.Node : null;

    /// <summary>Adds a node, or updates it when one of that name exists.</summary>
    public NodeInfo AddNode(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (_byName.TryGetValue(node.Metadata.Name, out var existing))
        {
            UpdateNode(node);
            return existing;
        }

        var info = new NodeInfo(node);
        _byName.Add(info.Name, info);
        CountFacts(info, 1);
        AddToTree(info);
        AddImages(info);
        for (var i = 0; i < _observers.Count; i++)
        {
            _observers[i].NodeAdded(info);
        }

        return info;
    }

    /// <summary>Replaces a node object; its pods stay.</summary>
    public void UpdateNode(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!_byName.TryGetValue(node.Metadata.Name, out var info))
        {
            AddNode(node);
            return;
        }

        var zoneChanged = ZoneKey(node) != _zoneOf[info.Name];
        var imagesChanged = !info.Node.Status.Images.SequenceEqual(node.Status.Images);
        if (imagesChanged)
        {
            RemoveImages(info);
        }

        if (zoneChanged)
        {
            RemoveFromTree(info);
        }

        CountFacts(info, -1);
        info.SetNode(node);
        CountFacts(info, 1);
        if (zoneChanged)
        {
            AddToTree(info);
        }

        if (imagesChanged)
        {
            AddImages(info);
        }

        for (var i = 0; i < _observers.Count; i++)
        {
            _observers[i].NodeUpdated(info);
        }
    }

    /// <summary>Removes a node and forgets its pods.</summary>
    public bool RemoveNode(string name)
    {
        if (!_byName.Remove(name, out var info))
        {
            return false;
        }

        RemoveFromTree(info);
        RemoveImages(info);
        foreach (var pod in info.Pods)
        {
            _podNode.Remove(pod.Pod.Key);
        }

        CountFacts(info, -1);
        info.Detach();
        _affinityDirty = true;
        for (var i = 0; i < _observers.Count; i++)
        {
            _observers[i].NodeRemoved(info);
        }

        return true;
    }

    /// <summary>Puts a pod on a node (bound or assumed); false when the node is unknown.</summary>
    public bool AddPod(PodInfo pod, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (!_byName.TryGetValue(nodeName, out var info))
        {
            return false;
        }

        RemovePod(pod.Pod.Key);
        info.AddPod(pod);
        _podNode.Add(pod.Pod.Key, (info, pod));
        _affinityDirty |= pod.HasAffinity;
        for (var i = 0; i < _observers.Count; i++)
        {
            _observers[i].PodAdded(info, pod);
        }

        return true;
    }

    /// <summary>Takes the pod at <paramref name="key"/> off its node; false when it is on none.</summary>
    public bool RemovePod(ObjectKey key)
    {
        if (!_podNode.Remove(key, out var entry))
        {
            return false;
        }

        _affinityDirty |= entry.Pod.HasAffinity;
        entry.Node.RemovePod(entry.Pod.Pod);
        for (var i = 0; i < _observers.Count; i++)
        {
            _observers[i].PodRemoved(entry.Node, entry.Pod);
        }

        return true;
    }

    /// <summary>
    /// Swaps in <paramref name="pod"/>, a newer version of a pod the snapshot holds on the same node, when
    /// nothing the snapshot derives from the pod differs (same uid, labels, annotations, owner, deletion
    /// state and a spec that <see cref="PodSpec.SharesAllButNodeName"/>; no affinity terms or host ports),
    /// e.g. an assumed pod confirmed by its bind. The snapshot is then as <see cref="AddPod"/> of a new
    /// <see cref="PodInfo"/> would leave it, the info kept (its pod replaced); observers are not told,
    /// since every count they keep would come back to what it was. False, changing nothing, otherwise.
    /// </summary>
    internal bool TryReplacePod(Pod pod)
    {
        if (!_podNode.TryGetValue(pod.Key, out var entry))
        {
            return false;
        }

        var (node, info) = entry;
        var old = info.Pod;
        if (info.HasAffinity || info.HasHostPorts || old.Metadata.Uid != pod.Metadata.Uid
            || !string.Equals(node.Name, pod.Spec.NodeName, StringComparison.Ordinal)
            || !ReferenceEquals(old.Metadata.Labels, pod.Metadata.Labels)
            || !ReferenceEquals(old.Metadata.Annotations, pod.Metadata.Annotations)
            || old.DeletionRequestedAt != pod.DeletionRequestedAt
            || !Equals(old.Owner, pod.Owner)
            || !old.Spec.SharesAllButNodeName(pod.Spec))
        {
            return false;
        }

        node.ReplacePodObject(info, pod);
        return true;
    }

    /// <summary>The pod at <paramref name="key"/> as the snapshot holds it, or null.</summary>
    public PodInfo? GetPod(ObjectKey key) => _podNode.TryGetValue(key, out var entry) ? entry.Pod : null;

    /// <summary>The zone key of a node, as upstream's <c>utilnode.GetZoneKey</c>: region and zone, or empty.</summary>
    public static string ZoneKey(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var labels = node.Metadata.Labels;
        var zone = labels.GetValueOrDefault(Node.ZoneLabel) ?? labels.GetValueOrDefault("failure-domain.beta.kubernetes.io/zone") ?? string.Empty;
        var region = labels.GetValueOrDefault(Node.RegionLabel) ?? labels.GetValueOrDefault("failure-domain.beta.kubernetes.io/region") ?? string.Empty;
        return region.Length == 0 && zone.Length == 0 ? string.Empty : region + ":\0:" + zone;
    }

    private void AddToTree(NodeInfo info)
    {
        var zone = ZoneKey(info.Node);
        _zoneOf[info.Name] = zone;
        if (!_tree.TryGetValue(zone, out var nodes))
        {
            nodes = [];
            _tree.Add(zone, nodes);
            _zones.Add(zone);
        }

        nodes.Add(info);
        ListChanged();
        _affinityDirty = true;
    }

    private void RemoveFromTree(NodeInfo info)
    {
        if (!_zoneOf.Remove(info.Name, out var zone) || !_tree.TryGetValue(zone, out var nodes))
        {
            return;
        }

        nodes.Remove(info);
        if (nodes.Count == 0)
        {
            _tree.Remove(zone);
            _zones.Remove(zone);
        }

        ListChanged();
        _affinityDirty = true;
    }

    private void ListChanged()
    {
        _listDirty = true;
        _table?.Retire();
    }

    private void RebuildList()
    {
        var list = new NodeInfo[_byName.Count];
        var count = 0;
        for (var index = 0; count < list.Length; index++)
        {
            foreach (var zone in _zones)
            {
                var nodes = _tree[zone];
                if (index < nodes.Count)
                {
                    list[count++] = nodes[index];
                }
            }
        }

        _list = list;
        _table = new NodeTable(list);
        _listDirty = false;
    }

    private void RefreshAffinityLists()
    {
        if (!_affinityDirty)
        {
            return;
        }

        var withAffinity = new List<NodeInfo>();
        var withAnti = new List<NodeInfo>();
        foreach (var info in NodeInfos)
        {
            if (info.PodsWithAffinity.Count != 0)
            {
                withAffinity.Add(info);
            }

            if (info.PodsWithRequiredAntiAffinity.Count != 0)
            {
                withAnti.Add(info);
            }
        }

        _withAffinity = [.. withAffinity];
        _withRequiredAntiAffinity = [.. withAnti];
        _affinityDirty = false;
    }

    /// <summary>What holds for every node now (see <see cref="CycleState.Facts"/>).</summary>
    internal SnapshotFacts Facts =>
        (_nodesWithTaints == 0 ? SnapshotFacts.NoTaints : SnapshotFacts.None)
        | (_unschedulableNodes == 0 ? SnapshotFacts.NoUnschedulable : SnapshotFacts.None)
        | (_images.Count == 0 ? SnapshotFacts.NoImages : SnapshotFacts.None);

    private void CountFacts(NodeInfo info, int sign)
    {
        if (!info.Taints.IsDefaultOrEmpty)
        {
            _nodesWithTaints += sign;
        }

        if (info.Unschedulable)
        {
            _unschedulableNodes += sign;
        }
    }

    private void AddImages(NodeInfo info)
    {
        var images = info.Node.Status.Images;
        if (images.IsDefaultOrEmpty)
        {
            return;
        }

        var states = new Dictionary<string, ImageStateSummary>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            var name = ImageStateSummary.Normalize(image.Name);
            if (states.ContainsKey(name))
            {
                continue;
            }

            if (!_images.TryGetValue(name, out var summary))
            {
                summary = new ImageStateSummary { Size = image.SizeBytes };
                _images.Add(name, summary);
            }

            summary.NumNodes++;
            states.Add(name, summary);
        }

        info.ImageStates = states;
    }

    private void RemoveImages(NodeInfo info)
    {
        foreach (var (name, summary) in info.ImageStates)
        {
            if (--summary.NumNodes == 0)
            {
                _images.Remove(name);
            }
        }

        info.ImageStates = new Dictionary<string, ImageStateSummary>(StringComparer.Ordinal);
    }
}
