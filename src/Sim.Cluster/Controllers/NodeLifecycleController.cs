using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Cluster.Controllers;

/// <summary>
/// The node lifecycle controller with taint-based eviction and its per-zone rate limits (upstream
/// <c>pkg/controller/nodelifecycle</c> and the taint-eviction controller).
/// </summary>
/// <remarks>
/// <para>
/// Every <see cref="ClusterTimings.NodeMonitorPeriod"/> (5 s) a monitor pass checks each node's lease:
/// one not renewed for <see cref="ClusterTimings.NodeMonitorGracePeriod"/> (50 s) turns the node's
/// Ready condition Unknown, adds the <c>node.kubernetes.io/unreachable</c> NoSchedule taint and marks
/// the node's pods not ready (so they leave their Services' endpoints). A renewed lease turns the node
/// Ready again and removes the taints (standing in for the kubelet's own Ready report). A kubelet that
/// reports Ready=False (<see cref="Nodes.Kubelet.ReportNotReady"/>) gets the <c>node.kubernetes.io/not-ready</c>
/// NoSchedule taint and its pods are marked not ready when the controller sees the report.
/// </para>
/// <para>
/// The NoExecute taints, which evict pods (<see cref="TaintEvictionManager"/>), are rate limited per
/// zone as upstream: a node seen not Ready by a monitor pass (so the pass after the one that marked it
/// Unknown) joins its zone's queue, and a tainting pass every 100 ms taints queued nodes as the zone's
/// token bucket (burst 1) allows: <see cref="ClusterTimings.NodeEvictionRate"/> (0.1 nodes/s) in a
/// Normal zone and in a fully disrupted one while another zone is not; in a partially disrupted zone
/// <see cref="ClusterTimings.SecondaryNodeEvictionRate"/> (0.01) above
/// <see cref="ClusterTimings.LargeClusterSizeThreshold"/> nodes (50) and nothing below. When every zone
/// is fully disrupted (no Ready node anywhere) the controller removes every NoExecute taint it set
/// and stops tainting; when a zone recovers it restarts the grace period of every node and the rates
/// of every zone. Zone states follow <see cref="ZoneDisruption.ComputeZoneState"/>; a zone is a
/// node's region and zone labels (upstream <c>GetZoneKey</c>).
/// </para>
/// </remarks>
public sealed class NodeLifecycleController
{
    private const string Name = "node-lifecycle-controller";

    /// <summary>How often queued nodes are tainted NoExecute (upstream <c>NodeEvictionPeriod</c>).</summary>
    private static readonly TimeSpan TaintingPeriod = TimeSpan.FromMilliseconds(100);

    private static readonly Taint UnreachableNoExecute = new(Taint.UnreachableKey, string.Empty, TaintEffect.NoExecute);
    private static readonly Taint NotReadyNoExecute = new(Taint.NotReadyKey, string.Empty, TaintEffect.NoExecute);
    private static readonly Taint UnreachableNoSchedule = new(Taint.UnreachableKey, string.Empty, TaintEffect.NoSchedule);
    private static readonly Taint NotReadyNoSchedule = new(Taint.NotReadyKey, string.Empty, TaintEffect.NoSchedule);

    private readonly SimulatedCluster _cluster;
    private readonly ApiClient _api;
    private readonly TaintEvictionManager _taintManager;
    // Per node name, what the passes keep of it: its last lease renewal seen, its restarted grace period,
    // and its zone and disruption counting as last read from its labels (read again only when they
    // change). Kept for names no longer listed, as a renewal or restart seen before a node went away still
    // counts for a node of the same name that comes back.
    private readonly Dictionary<string, NodeRecord> _nodes = new(StringComparer.Ordinal);
    // Per zone key: the zone's counts in the current pass and its tainting queue.
    private readonly Dictionary<string, ZoneRecord> _zones = new(StringComparer.Ordinal);
    private readonly List<ZoneRecord> _countedZones = [];
    private int _pass;
    // The records of the last pass's node list, in its order, and the nodes' last write then: while no
    // node was written since (the common case: leases are another kind), the list is the same and a pass
    // takes each node's record by position instead of looking it up by name.
    private NodeRecord[] _listed = [];
    private long _listedAt = -1;
    private readonly SortedDictionary<string, ZoneState> _zoneStates = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, RateLimitedTimedQueue> _tainters = new(StringComparer.Ordinal);
    private EventHandle _taintingPass;
    private SimTime? _taintingPassAt;

    internal NodeLifecycleController(SimulatedCluster cluster)
    {
        _cluster = cluster;
        _api = cluster.Client(Name);
        _api.Watch(cluster.WatchOptionsFor(Name, Lease.KindName), e =>
        {
            if (e.Type != WatchEventType.Deleted)
            {
                RecordOf(e.Item.Metadata.Name).Renewed = ((Lease)e.Item).RenewTime;
            }
        });
        _taintManager = new TaintEvictionManager(cluster, _api, Name);
        _api.Watch(cluster.WatchOptionsFor(Name, Node.KindName), OnNode);
        cluster.Simulation.ScheduleAfter(cluster.Timings.NodeMonitorPeriod, static c => c.Monitor(), this);
    }

    /// <summary>Pods evicted so far.</summary>
    public long Evictions => _taintManager.Evictions;

    /// <summary>Nodes the tainting passes have tainted NoExecute so far (upstream's <c>evictions_total</c> metric).</summary>
    public long NoExecuteTaintings { get; private set; }

    /// <summary>The state of each zone after the last monitor pass, by zone key (<see cref="Scheduling.Snapshot.ZoneKey"/>).</summary>
    public IReadOnlyDictionary<string, ZoneState> ZoneStates => _zoneStates;

    /// <summary>The tainting rate (nodes per second) the zone with key <paramref name="zoneKey"/> has now; null for an unknown zone.</summary>
    public double? TaintingRate(string zoneKey)
    {
        ArgumentNullException.ThrowIfNull(zoneKey);
        return _tainters.TryGetValue(zoneKey, out var queue) ? Math.Max(queue.Limiter.Rate, 0) : null;
    }

    private void Monitor()
    {
        var now = _cluster.Simulation.Now;
        var timings = _cluster.Timings;
        var lastWrite = _cluster.Api.LastWriteOf(Node.KindName);
        var nodes = _api.List(Node.KindName);
        var sameList = lastWrite == _listedAt && _listed.Length == nodes.Count;
        if (!sameList)
        {
            _listed = new NodeRecord[nodes.Count];
        }

        _listedAt = lastWrite;
        _pass++;
        _countedZones.Clear();
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = (Node)nodes[i];
            var record = sameList ? _listed[i] : _listed[i] = RecordOf(node.Metadata.Name);
            var zone = ZoneOf(record, node);
            var observed = node.Status.Ready;
            if (record.Renewed is { } renewed)
            {
                // A restarted grace period (after cluster-wide disruption) delays marking, not recovery.
                var fresh = now - renewed <= timings.NodeMonitorGracePeriod;
                var restarted = record.ProbeRestart is { } restart && now - restart <= timings.NodeMonitorGracePeriod;
                if (!fresh && !restarted && observed != NodeConditionStatus.Unknown)
                {
                    node = MarkUnreachable(node, observed, now) ?? node;
                }
                else if (fresh && observed == NodeConditionStatus.Unknown)
                {
                    // The kubelet's Ready report, folded into this pass: the pass then observes True.
                    node = MarkReady(node, now) ?? node;
                    observed = node.Status.Ready;
                }
            }

            if (record.Counts)
            {
                if (zone.Ready + zone.NotReady == 0)
                {
                    _countedZones.Add(zone);
                }

                if (node.Status.Ready == NodeConditionStatus.True)
                {
                    zone.Ready++;
                }
                else
                {
                    zone.NotReady++;
                }
            }

            ProcessTaintBasedEviction(node, observed, zone.Tainter, now);
        }

        var zones = new SortedDictionary<string, (int Ready, int NotReady)>(StringComparer.Ordinal);
        foreach (var zone in _countedZones)
        {
            zones.Add(zone.Key, (zone.Ready, zone.NotReady));
        }

        HandleDisruption(zones, now);
        ScheduleTaintingPass(now);
        _cluster.Simulation.ScheduleAfter(timings.NodeMonitorPeriod, static c => c.Monitor(), this);
    }

    private NodeRecord RecordOf(string name)
    {
        ref var record = ref CollectionsMarshal.GetValueRefOrAddDefault(_nodes, name, out _);
        return record ??= new NodeRecord();
    }

    /// <summary>
    /// The node's zone, ensured (<see cref="EnsureZone"/>) and its counts zeroed at its first node of the
    /// pass; the node's zone key and disruption counting are read from its labels when they changed.
    /// </summary>
    private ZoneRecord ZoneOf(NodeRecord record, Node node)
    {
        var labels = node.Metadata.Labels;
        if (record.Zone is null || !ReferenceEquals(record.Labels, labels))
        {
            var key = Scheduling.Snapshot.ZoneKey(node);
            ref var zone = ref CollectionsMarshal.GetValueRefOrAddDefault(_zones, key, out _);
            record.Zone = zone ??= new ZoneRecord(key);
            record.Labels = labels;
            record.Counts = ZoneDisruption.Counts(node);
        }

        var ensured = record.Zone;
        if (ensured.Pass != _pass)
        {
            // Nothing but the disruption handling after the node loop forgets a zone state (and so
            // replaces its queue): once ensured, a zone stays so, with this queue, for the rest of the loop.
            EnsureZone(ensured.Key);
            ensured.Tainter = _tainters[ensured.Key];
            ensured.Pass = _pass;
            ensured.Ready = 0;
            ensured.NotReady = 0;
        }

        return ensured;
    }

    private void EnsureZone(string zone)
    {
        if (!_zoneStates.ContainsKey(zone))
        {
            _zoneStates[zone] = ZoneState.Initial;
            _tainters[zone] = new RateLimitedTimedQueue(_cluster.Timings.NodeEvictionRate);
        }
    }

    private Node? MarkUnreachable(Node node, NodeConditionStatus observed, SimTime now)
    {
        var updated = node with
        {
            Spec = node.Spec with { Taints = node.Spec.Taints.Remove(NotReadyNoSchedule).Remove(UnreachableNoSchedule).Add(UnreachableNoSchedule) },
            Status = node.Status with { Ready = NodeConditionStatus.Unknown, ReadyTransitionAt = now },
        };
        var result = _api.Update(updated, "Ready=Unknown; tainted unreachable");
        if (!result.IsOk)
        {
            return null;
        }

        if (observed == NodeConditionStatus.True)
        {
            TakePodsOutOfService(result.Value!, "NotReady (node unreachable)");
        }

        return result.Value;
    }

    private Node? MarkReady(Node node, SimTime now)
    {
        var updated = node with
        {
            Spec = node.Spec with { Taints = node.Spec.Taints.RemoveAll(t => t.Key == Taint.UnreachableKey || t.Key == Taint.NotReadyKey) },
            Status = node.Status with { Ready = NodeConditionStatus.True, ReadyTransitionAt = now },
        };
        var result = _api.Update(updated, "Ready=True; untainted");
        if (!result.IsOk)
        {
            return null;
        }

        _taintManager.NodeTaintsChanged(result.Value!);
        return result.Value;
    }

    /// <summary>Upstream <c>processTaintBaseEviction</c>, with the Ready condition the pass found (before its own update).</summary>
    private void ProcessTaintBasedEviction(Node node, NodeConditionStatus observed, RateLimitedTimedQueue queue, SimTime now)
    {
        switch (observed)
        {
            case NodeConditionStatus.False when HasTaint(node, UnreachableNoExecute):
                SwapTaints(node, NotReadyNoExecute, UnreachableNoExecute, "tainted not-ready (NoExecute)");
                break;
            case NodeConditionStatus.Unknown when HasTaint(node, NotReadyNoExecute):
                SwapTaints(node, UnreachableNoExecute, NotReadyNoExecute, "tainted unreachable (NoExecute)");
                break;
            case NodeConditionStatus.False or NodeConditionStatus.Unknown:
                // Re-queued (at the back) on every pass until tainted, as upstream's markNodeForTainting.
                var taint = observed == NodeConditionStatus.False ? NotReadyNoExecute : UnreachableNoExecute;
                if (!HasTaint(node, taint))
                {
                    queue.Remove(node.Metadata.Name);
                }

                queue.Add(node.Metadata.Name, now);
                break;
            default:
                MarkNodeAsReachable(node, queue);
                break;
        }
    }

    private void MarkNodeAsReachable(Node node, RateLimitedTimedQueue queue)
    {
        if (HasTaint(node, UnreachableNoExecute) || HasTaint(node, NotReadyNoExecute))
        {
            SwapTaints(node, null, null, "untainted (NoExecute)");
        }

        queue.Remove(node.Metadata.Name);
    }

    /// <summary>Upstream <c>handleDisruption</c>: new zone states and, where they changed, new tainting rates.</summary>
    private void HandleDisruption(SortedDictionary<string, (int Ready, int NotReady)> zones, SimTime now)
    {
        var timings = _cluster.Timings;
        var newStates = new Dictionary<string, ZoneState>(StringComparer.Ordinal);
        var allAreFullyDisrupted = true;
        foreach (var (zone, (ready, notReady)) in zones)
        {
            var state = ZoneDisruption.ComputeZoneState(ready, notReady, timings.UnhealthyZoneThreshold);
            allAreFullyDisrupted &= state == ZoneState.FullDisruption;
            newStates[zone] = state;
            EnsureZone(zone);
        }

        // Zones without counted nodes are forgotten (upstream may leave some for a later pass).
        var allWereFullyDisrupted = true;
        foreach (var zone in _zoneStates.Keys.ToList())
        {
            if (!zones.ContainsKey(zone))
            {
                _zoneStates.Remove(zone);
            }
            else if (_zoneStates[zone] != ZoneState.FullDisruption)
            {
                allWereFullyDisrupted = false;
            }
        }

        if (allAreFullyDisrupted && allWereFullyDisrupted)
        {
            return;
        }

        if (allAreFullyDisrupted)
        {
            // The control plane, not the nodes, is probably cut off: stop evicting and undo the NoExecute taints.
            foreach (Node node in _api.List(Node.KindName))
            {
                MarkNodeAsReachable(node, _tainters[Scheduling.Snapshot.ZoneKey(node)]);
            }

            foreach (var zone in _zoneStates.Keys.ToList())
            {
                _tainters[zone].SwapLimiter(0, now);
                _zoneStates[zone] = ZoneState.FullDisruption;
            }

            return;
        }

        if (allWereFullyDisrupted)
        {
            // Leaving cluster-wide disruption: every node gets a fresh grace period.
            foreach (Node node in _api.List(Node.KindName))
            {
                RecordOf(node.Metadata.Name).ProbeRestart = now;
            }
        }

        foreach (var zone in _zoneStates.Keys.ToList())
        {
            var state = newStates[zone];
            if (!allWereFullyDisrupted && _zoneStates[zone] == state)
            {
                continue;
            }

            if (ZoneDisruption.Rate(state, zones[zone].Ready + zones[zone].NotReady, timings) is { } rate)
            {
                _tainters[zone].SwapLimiter(rate, now);
            }

            _zoneStates[zone] = state;
        }
    }

    /// <summary>Upstream <c>doNoExecuteTaintingPass</c>: each zone's queue taints as its limiter allows.</summary>
    private void TaintingPass()
    {
        var now = _cluster.Simulation.Now;
        _taintingPassAt = null;
        foreach (var queue in _tainters.Values)
        {
            queue.Try(now, TaintNoExecute);
        }

        ScheduleTaintingPass(now);
    }

    private bool TaintNoExecute(string name)
    {
        var node = _api.Get<Node>(new ObjectKey(Node.KindName, string.Empty, name));
        var (add, remove) = node?.Status.Ready switch
        {
            NodeConditionStatus.False => (NotReadyNoExecute, UnreachableNoExecute),
            NodeConditionStatus.Unknown => (UnreachableNoExecute, NotReadyNoExecute),
            _ => ((Taint?)null, (Taint?)null),
        };
        if (node is null || add is null)
        {
            return true;
        }

        if (HasTaint(node, add))
        {
            return true;
        }

        var ok = SwapTaints(node, add, remove, add.Key == Taint.UnreachableKey ? "tainted unreachable (NoExecute)" : "tainted not-ready (NoExecute)");
        if (ok)
        {
            NoExecuteTaintings++;
        }

        return ok;
    }

    /// <summary>Schedules the next tainting pass on the 100 ms grid, at the first point some queue can make progress.</summary>
    private void ScheduleTaintingPass(SimTime now)
    {
        SimTime? due = null;
        foreach (var queue in _tainters.Values)
        {
            if (queue.NextDueAt is { } next && (due is null || next < due))
            {
                due = next;
            }
        }

        if (due is not { } earliest)
        {
            return;
        }

        var after = Math.Max(now.Ticks + 1, earliest.Ticks);
        var period = TaintingPeriod.Ticks;
        var at = SimTime.FromTicks((after + period - 1) / period * period);
        if (_taintingPassAt is { } scheduled)
        {
            if (scheduled <= at)
            {
                return;
            }

            _cluster.Simulation.Cancel(_taintingPass);
        }

        _taintingPassAt = at;
        _taintingPass = _cluster.Simulation.ScheduleAt(at, static c => c.TaintingPass(), this);
    }

    /// <summary>
    /// Replaces the node's NoExecute taint <paramref name="remove"/> by <paramref name="add"/> in one
    /// write (both null: removes both controller NoExecute taints); the taint manager follows.
    /// </summary>
    private bool SwapTaints(Node node, Taint? add, Taint? remove, string change)
    {
        var taints = add is null && remove is null
            ? node.Spec.Taints.Remove(UnreachableNoExecute).Remove(NotReadyNoExecute)
            : node.Spec.Taints.Remove(remove!).Remove(add!).Add(add!);
        var result = _api.Update(node with { Spec = node.Spec with { Taints = taints } }, change);
        if (result.IsOk)
        {
            _taintManager.NodeTaintsChanged(result.Value!);
        }

        return result.IsOk;
    }

    private static bool HasTaint(Node node, Taint taint) => node.Spec.Taints.Contains(taint);

    /// <summary>The kubelet reported Ready=False (or True again): the not-ready NoSchedule taint follows.</summary>
    private void OnNode(WatchEvent e)
    {
        if (e.Type == WatchEventType.Deleted)
        {
            return;
        }

        var node = _api.Get<Node>(e.Item.Key);
        if (node is null)
        {
            return;
        }

        var tainted = HasTaint(node, NotReadyNoSchedule);
        if (node.Status.Ready == NodeConditionStatus.False && !tainted)
        {
            var updated = node with { Spec = node.Spec with { Taints = node.Spec.Taints.Remove(UnreachableNoSchedule).Add(NotReadyNoSchedule) } };
            if (_api.Update(updated, "tainted not-ready").Value is { } stored)
            {
                TakePodsOutOfService(stored, "NotReady (node not ready)");
            }
        }
        else if (node.Status.Ready == NodeConditionStatus.True && tainted)
        {
            _api.Update(node with { Spec = node.Spec with { Taints = node.Spec.Taints.Remove(NotReadyNoSchedule) } }, "untainted not-ready");
        }
    }

    private void TakePodsOutOfService(Node node, string change)
    {
        foreach (Pod pod in _api.List(Pod.KindName, Pod.NodeNameIndex, node.Metadata.Name))
        {
            if (pod.Status.IsReady)
            {
                _api.Update(pod with { Status = pod.Status with { ReadySince = null } }, change);
            }
        }
    }

    /// <summary>What the passes keep of a node name (see <see cref="_nodes"/>).</summary>
    private sealed class NodeRecord
    {
        public SimTime? Renewed;
        public SimTime? ProbeRestart;
        public ImmutableSortedDictionary<string, string>? Labels;
        public ZoneRecord? Zone;
        public bool Counts;
    }

    /// <summary>A zone's counts in the pass <see cref="Pass"/> and its tainting queue then.</summary>
    private sealed class ZoneRecord(string key)
    {
        public readonly string Key = key;
        public int Pass = -1;
        public int Ready;
        public int NotReady;
        public RateLimitedTimedQueue Tainter = null!;
    }
}
