using Sim.Cluster.Api;
using Sim.Cluster.Nodes;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Metrics.Replication;

/// <summary>
/// Follows replicated workloads (Deployments, ReplicaSets no Deployment owns, ReplicationControllers)
/// and their pods: serving replicas, availability and deficit integrals, node incidents with their
/// detection and recovery times, pods lost and recreated.
/// </summary>
internal sealed class WorkloadLedger
{
    private readonly Dictionary<ObjectKey, WorkloadAccount> _workloads = [];
    private readonly List<WorkloadAccount> _all = [];
    private readonly Dictionary<ObjectKey, ObjectKey> _replicaSets = [];
    private readonly Dictionary<long, PodRecord> _pods = [];
    private readonly Dictionary<string, HashSet<long>> _podsOnNode = new(StringComparer.Ordinal);
    private readonly HashSet<long> _lost = [];
    private readonly Dictionary<string, SimTime> _undetected = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unreachable = new(StringComparer.Ordinal);
    private readonly List<double> _detections = [];
    private readonly List<Incident> _incidents = [];

    public IReadOnlyList<WorkloadAccount> All => _all;

    public IReadOnlyList<Incident> Incidents => _incidents;

    public IReadOnlyList<double> Detections => _detections;

    public int PodsLost => _lost.Count;

    /// <summary>Live workloads, in key order.</summary>
    public IEnumerable<WorkloadAccount> Live => _workloads.Values.OrderBy(w => w.Key);

    public void AdvanceAll(SimTime now)
    {
        foreach (var account in _all)
        {
            account.Advance(now);
        }
    }

    public void OnWrite(ApiWrite write, SimTime now)
    {
        switch (write.After ?? write.Before)
        {
            case Deployment deployment:
                OnController(deployment.Key, (write.After as Deployment)?.Spec.Replicas, now);
                break;
            case ReplicationController controller:
                OnController(controller.Key, (write.After as ReplicationController)?.Spec.Replicas, now);
                break;
            case ReplicaSet:
                OnReplicaSet(write.Before as ReplicaSet, write.After as ReplicaSet, now);
                break;
            case Pod:
                OnPod(write.Before as Pod, write.After as Pod, now);
                break;
            case Node node:
                OnNode(write.After as Node, node.Metadata.Name, now);
                break;
            default:
                break;
        }
    }

    /// <summary>A kubelet went down or came back, or was partitioned or healed.</summary>
    public void OnKubelet(Kubelet kubelet, SimTime now)
    {
        var node = kubelet.NodeName;
        var reachable = !kubelet.IsDown && !kubelet.IsPartitioned;
        var was = !_unreachable.Contains(node);
        if (was == reachable)
        {
            Reevaluate(node, now); // e.g. partitioned while down: nothing changes for the control plane
            return;
        }

        if (!reachable)
        {
            _unreachable.Add(node);
            _undetected[node] = now;
            var incident = _incidents.Count > 0 && _incidents[^1].Start == now ? _incidents[^1] : null;
            if (incident is null)
            {
                incident = new Incident(now);
                _incidents.Add(incident);
            }

            if (_podsOnNode.TryGetValue(node, out var uids))
            {
                foreach (var uid in uids)
                {
                    var record = _pods[uid];
                    if (record.Serving)
                    {
                        incident.Hit.Add(record.Workload);
                    }

                    if (record.Active)
                    {
                        _lost.Add(uid);
                    }
                }
            }

            Reevaluate(node, now);
            foreach (var key in incident.Hit)
            {
                if (_workloads.TryGetValue(key, out var account) && !account.IsWhole)
                {
                    incident.Short.Add(key);
                }
            }

            if (incident.Hit.Count > 0 && incident.Short.Count == 0)
            {
                incident.RecoveredAt ??= now;
            }
            else if (incident.Short.Count > 0)
            {
                incident.RecoveredAt = null;
            }

            return;
        }

        _unreachable.Remove(node);
        _undetected.Remove(node); // came back before the control plane noticed
        Reevaluate(node, now);
    }

    /// <summary>A workload was created, changed its replicas, or was deleted (<paramref name="replicas"/> null).</summary>
    private void OnController(ObjectKey key, int? replicas, SimTime now)
    {
        if (replicas is not { } desired)
        {
            if (_workloads.Remove(key, out var gone))
            {
                gone.End(now);
                Whole(gone, now);
            }

            return;
        }

        if (_workloads.TryGetValue(key, out var account))
        {
            account.SetDesired(desired, now);
            Whole(account, now);
            return;
        }

        account = new WorkloadAccount(key, desired, now);
        _workloads.Add(key, account);
        _all.Add(account);
    }

    private void OnReplicaSet(ReplicaSet? before, ReplicaSet? after, SimTime now)
    {
        var key = (after ?? before)!.Key;
        var owner = (after ?? before)!.Owner is { Kind: Deployment.KindName } deployment
            ? new ObjectKey(Deployment.KindName, key.Namespace, deployment.Name)
            : key;
        if (after is null)
        {
            _replicaSets.Remove(key);
        }
        else
        {
            _replicaSets[key] = owner;
        }

        if (owner == key)
        {
            OnController(key, after?.Spec.Replicas, now);
        }
    }

    private void OnPod(Pod? before, Pod? after, SimTime now)
    {
        var pod = (after ?? before)!;
        var uid = pod.Metadata.Uid;
        if (!_pods.TryGetValue(uid, out var record))
        {
            if (after is null || WorkloadOf(after) is not { } workload)
            {
                return;
            }

            record = new PodRecord(workload, after);
            _pods.Add(uid, record);
            if (before is null && _workloads.TryGetValue(workload, out var owner))
            {
                owner.PodsCreated++;
            }
        }

        if (after is null)
        {
            Set(record, serving: false, now);
            Move(uid, record, null);
            _pods.Remove(uid);
            return;
        }

        if (record.Active && (after.Status.Phase == PodPhase.Failed
            || after.DeletionRequestedAt is not null && after.Status.Reason is "TaintEviction" or "Evicted" or "PreemptionByScheduler"))
        {
            _lost.Add(uid);
        }

        record.Active = after.IsActive;
        record.Pod = after;
        Move(uid, record, after.IsBound ? after.Spec.NodeName : null);
        Set(record, Serving(after), now);
    }

    private void OnNode(Node? after, string node, SimTime now)
    {
        if (after is not null && after.Status.Ready != NodeConditionStatus.True && _undetected.Remove(node, out var since))
        {
            _detections.Add((now - since).TotalSeconds);
        }
    }

    private ObjectKey? WorkloadOf(Pod pod) => pod.Owner switch
    {
        { Kind: ReplicaSet.KindName } rs => _replicaSets.TryGetValue(new ObjectKey(ReplicaSet.KindName, pod.Metadata.Namespace, rs.Name), out var owner) ? owner : null,
        { Kind: ReplicationController.KindName } rc => new ObjectKey(ReplicationController.KindName, pod.Metadata.Namespace, rc.Name),
        _ => null,
    };

    private bool Serving(Pod pod) =>
        pod.IsBound && pod.IsActive && pod.Status.IsReady && !_unreachable.Contains(pod.Spec.NodeName);

    /// <summary>Re-reads whether each pod on <paramref name="node"/> serves, after its reachability changed.</summary>
    private void Reevaluate(string node, SimTime now)
    {
        if (!_podsOnNode.TryGetValue(node, out var uids))
        {
            return;
        }

        foreach (var uid in uids.Order().ToList())
        {
            var record = _pods[uid];
            Set(record, Serving(record.Pod), now);
        }
    }

    private void Move(long uid, PodRecord record, string? node)
    {
        if (record.Node == node)
        {
            return;
        }

        if (record.Node is { } old && _podsOnNode.TryGetValue(old, out var previous))
        {
            previous.Remove(uid);
        }

        record.Node = node;
        if (node is not null)
        {
            if (!_podsOnNode.TryGetValue(node, out var uids))
            {
                _podsOnNode[node] = uids = [];
            }

            uids.Add(uid);
        }
    }

    private void Set(PodRecord record, bool serving, SimTime now)
    {
        if (record.Serving == serving)
        {
            return;
        }

        record.Serving = serving;
        if (_workloads.TryGetValue(record.Workload, out var account))
        {
            account.AddServing(serving ? 1 : -1, now);
            Whole(account, now);
        }
    }

    /// <summary>A workload may have become whole: incidents waiting for it may be over.</summary>
    private void Whole(WorkloadAccount account, SimTime now)
    {
        if (!account.IsWhole && !account.Ended)
        {
            return;
        }

        for (var i = _incidents.Count - 1; i >= 0; i--)
        {
            var incident = _incidents[i];
            if (incident.RecoveredAt is null && incident.Short.Remove(account.Key) && incident.Short.Count == 0)
            {
                incident.RecoveredAt = now;
            }
        }
    }

    /// <summary>What the ledger remembers of a replicated pod.</summary>
    private sealed class PodRecord(ObjectKey workload, Pod pod)
    {
        public ObjectKey Workload { get; } = workload;

        /// <summary>The pod's latest version (the ledger sees every write).</summary>
        public Pod Pod { get; set; } = pod;

        public string? Node { get; set; }

        public bool Serving { get; set; }

        public bool Active { get; set; } = true;
    }
}
