using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;
using Sim.Engine.Randomness;

namespace Sim.Cluster.Nodes;

/// <summary>
/// A node's kubelet. It registers its node, watches the pods bound to it (and only those), admits
/// each one if the node's allocatable resources still hold it, and runs it: pod sandbox (the pause
/// container), image pulls (skipped for images already on the node), init containers in order,
/// sidecars and app containers, then readiness. Each step is a status write through the API server.
/// A pod whose deletion is requested stops its containers within its grace period and is removed.
/// </summary>
/// <remarks>
/// <para>
/// Image pulls are serialized, as with the kubelet's default <c>serializeImagePulls: true</c>: a pull
/// starts when the previous one ends, and a pod that needs an image being pulled for another pod waits
/// for that pull. A pod that fails admission is marked Failed with reason <c>OutOf&lt;resource&gt;</c>,
/// as the kubelet does.
/// </para>
/// <para>
/// Run to completion: an app container with <see cref="Container.RunFor"/> exits with code 0 that long
/// after it started. Under restartPolicy Always it restarts after the CrashLoopBackOff delay, as a
/// crashed one does; under OnFailure or Never it stays ended, and once every app container has ended
/// the pod is Succeeded (or Failed, if one failed under Never), not ready, and its resources are
/// released; the pod stays in the API until it is deleted, and a deletion request for a finished pod
/// removes it at once (upstream's API server deletes terminal pods without a grace period).
/// </para>
/// <para>
/// Simplifications: pulled images are remembered by the kubelet but not written back to the node's
/// status; a crash or an exit under restartPolicy Always restarts the pod's app containers together
/// (their run times start over), not the one container; sidecars and init containers have no run
/// time of their own.
/// </para>
/// <para>
/// A network partition (<see cref="Partition"/>) cuts the node off from the control plane and the
/// other nodes while it keeps running: its lease renewals and pod status writes no longer reach the
/// API server (the status writes wait, in order, as in the kubelet's status manager), and it sees no
/// API changes; nor does the node's kube-proxy. <see cref="Heal"/> sends the waiting writes, re-lists
/// the node's pods (terminating the ones whose deletion was requested meanwhile, admitting new ones),
/// and re-reports ready the running pods the control plane marked not ready.
/// </para>
/// </remarks>
public sealed partial class Kubelet
{
    private readonly SimulatedCluster _cluster;
    private readonly ApiClient _api;
    private readonly SimRandom _random;
    private readonly Dictionary<string, PodWorker> _workers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _imageReadyAt = new(StringComparer.Ordinal);
    private long _pullerFreeAt;
    private ResourceList _admitted = ResourceList.Empty;
    private Node? _node;
    private readonly List<Action> _deferred = [];
    private EventHandle _heartbeat;
    private bool _down;
    private bool _partitioned;

    internal Kubelet(SimulatedCluster cluster, string nodeName)
    {
        _cluster = cluster;
        NodeName = nodeName;
        Component = "kubelet/" + nodeName;
        _api = cluster.Client(Component);
        _random = cluster.Streams.Child("kubelet").For(nodeName);
    }

    /// <summary>The node this kubelet runs.</summary>
    public string NodeName { get; }

    /// <summary>The name its writes are recorded under.</summary>
    public string Component { get; }

    /// <summary>Pods it currently runs (admitted and not yet removed).</summary>
    public int RunningPods => _workers.Count;

    /// <summary>The sum of the requests of the pods it admitted.</summary>
    public ResourceList Admitted => _admitted;

    /// <summary>True while the node is down (see <see cref="Fail"/>).</summary>
    public bool IsDown => _down;

    /// <summary>True while the node is cut off from the control plane and the other nodes (see <see cref="Partition"/>).</summary>
    public bool IsPartitioned => _partitioned;

    /// <summary>
    /// Whether the app containers of <paramref name="podName"/> are running here now: the pod is
    /// admitted, has started (phase Running), is not restarting after a crash or a recovery, not
    /// terminating or finished, and the node is up. This is the kubelet's own view, which the API
    /// server's lags while the node is partitioned.
    /// </summary>
    public bool RunsContainers(string podName)
    {
        ArgumentNullException.ThrowIfNull(podName);
        return !_down && _workers.TryGetValue(podName, out var worker) && worker.ContainersRunning;
    }

    /// <summary>Whether the pod named <paramref name="podName"/> runs here (admitted, not yet removed).</summary>
    public bool Runs(string podName)
    {
        ArgumentNullException.ThrowIfNull(podName);
        return _workers.ContainsKey(podName);
    }

    /// <summary>
    /// The node goes down: the kubelet stops renewing its lease and ignores the API server, and the
    /// node's containers stop. The control plane only notices through the missing heartbeats.
    /// </summary>
    public void Fail()
    {
        if (_down)
        {
            return;
        }

        _down = true;
        _cluster.Simulation.Cancel(_heartbeat);
        foreach (var worker in _workers.Values)
        {
            worker.Stop();
        }

        ConnectProxy();
        _cluster.KubeletChanged(this);
    }

    /// <summary>
    /// A network partition: the node keeps running its pods, but the control plane cannot reach it
    /// and it cannot reach the control plane or the other nodes. Its lease renewals stop reaching the
    /// API server (so the node lifecycle controller marks it unreachable after the grace period), its
    /// pod status writes wait until <see cref="Heal"/>, and neither it nor its kube-proxy sees API
    /// changes. Does nothing if already partitioned.
    /// </summary>
    public void Partition()
    {
        if (_partitioned)
        {
            return;
        }

        _partitioned = true;
        ConnectProxy();
        _cluster.KubeletChanged(this);
    }

    /// <summary>
    /// The partition ends: the waiting status writes are sent in order, the lease is renewed at once,
    /// and the kubelet re-lists its pods: it terminates those whose deletion was requested meanwhile,
    /// admits those bound to it meanwhile, drops those deleted, and reports ready again its ready pods
    /// that the control plane marked not ready. The kube-proxy re-lists the endpoints. A node that is
    /// also down does this when it recovers. Does nothing if not partitioned.
    /// </summary>
    public void Heal()
    {
        if (!_partitioned)
        {
            return;
        }

        _partitioned = false;
        if (!_down)
        {
            SendDeferred();
            _cluster.Simulation.Cancel(_heartbeat);
            Heartbeat();
            Resync(afterRecovery: false);
        }

        ConnectProxy();
        _cluster.KubeletChanged(this);
    }

    /// <summary>
    /// The kubelet reports its node Ready=False (e.g. the container runtime is down) while still
    /// heartbeating; the node lifecycle controller taints it not-ready. Returns false if the node is down or partitioned.
    /// </summary>
    public bool ReportNotReady() => ReportReady(NodeConditionStatus.False);

    /// <summary>
    /// The kubelet reports its node Ready=True again, and its running pods ready again after the
    /// readiness delay (their probes pass once more). Returns false if the node is down or partitioned.
    /// </summary>
    public bool ReportReady()
    {
        if (!ReportReady(NodeConditionStatus.True))
        {
            return false;
        }

        foreach (var worker in _workers.Values)
        {
            worker.ReprobeReadiness();
        }

        return true;
    }

    /// <summary>
    /// A container of <paramref name="podName"/> exits with an error: the pod stops being ready, and
    /// under restartPolicy Always or OnFailure the kubelet restarts the container after the
    /// CrashLoopBackOff delay, which is returned. Under restartPolicy Never the first app container
    /// still running ends for good and the pod fails once none runs (null is returned). Null too if
    /// the pod is not running here.
    /// </summary>
    public TimeSpan? CrashContainer(string podName)
    {
        ArgumentNullException.ThrowIfNull(podName);
        return !_down && _workers.TryGetValue(podName, out var worker) ? worker.Crash() : null;
    }

    /// <summary>
    /// The node comes back: the kubelet renews its lease at once, removes the pods whose deletion was
    /// requested meanwhile, and restarts the containers of the others (sandbox, containers, readiness).
    /// A node that is still partitioned restarts the containers of the pods it knew and reaches the
    /// API server only when the partition heals.
    /// </summary>
    public void Recover()
    {
        if (!_down)
        {
            return;
        }

        _down = false;
        if (_partitioned)
        {
            foreach (var worker in _workers.Values)
            {
                worker.Restart();
            }

            Heartbeat();
        }
        else
        {
            SendDeferred();
            Heartbeat();
            Resync(afterRecovery: true);
        }

        ConnectProxy();
        _cluster.KubeletChanged(this);
    }

    internal Node Register(Node node)
    {
        var result = _api.Create(node, "registered");
        if (!result.IsOk)
        {
            throw new InvalidOperationException(result.Message);
        }

        _node = result.Value!;
        foreach (var image in _node.Status.Images)
        {
            _imageReadyAt[image.Name] = 0;
        }

        // A change to a pod whose deletion was not requested (its status) is nothing to OnPod.
        _api.Watch(
            _cluster.WatchOptionsFor(Component, Pod.KindName, Pod.NodeNameIndex, NodeName, static e => e.Type != WatchEventType.Modified || ((Pod)e.Item).DeletionRequestedAt is not null),
            OnPod);
        _api.Create(new Lease { Metadata = new ObjectMeta { Name = NodeName, Namespace = Lease.NodeLeaseNamespace }, RenewTime = _cluster.Simulation.Now }, "lease created");
        _heartbeat = _cluster.Simulation.ScheduleAfter(_cluster.Timings.NodeLeaseRenewInterval, static k => k.Heartbeat(), this);
        return _node;
    }

    private bool ReportReady(NodeConditionStatus ready)
    {
        if (_down || _partitioned)
        {
            return false;
        }

        var now = _cluster.Simulation.Now;
        var updated = _api.Modify<Node>(
            new ObjectKey(Node.KindName, string.Empty, NodeName),
            node => node with { Status = node.Status with { Ready = ready, ReadyTransitionAt = now } },
            $"Ready={ready}");
        if (updated is null)
        {
            return false;
        }

        _node = updated;
        return true;
    }

    private void Heartbeat()
    {
        if (!_partitioned)
        {
            // As an update of the lease read now, with one lookup and one copy (an absent lease is not renewed).
            var key = new ObjectKey(Lease.KindName, Lease.NodeLeaseNamespace, NodeName);
            _api.Rewrite(key, static (Lease lease, ObjectMeta metadata, SimTime now) => lease with { Metadata = metadata, RenewTime = now }, _cluster.Simulation.Now, "renewed");
        }

        _heartbeat = _cluster.Simulation.ScheduleAfter(_cluster.Timings.NodeLeaseRenewInterval, static k => k.Heartbeat(), this);
    }

    private void OnPod(WatchEvent e)
    {
        if (_down || _partitioned)
        {
            return; // a dead or cut-off node sees nothing; it re-lists when it recovers or heals
        }

        var pod = (Pod)e.Item;
        var name = pod.Metadata.Name;
        switch (e.Type)
        {
            case WatchEventType.Added when !_workers.ContainsKey(name) && pod.IsActive:
                Admit(pod);
                break;
            case WatchEventType.Modified when pod.DeletionRequestedAt is not null && _workers.TryGetValue(name, out var worker):
                worker.Terminate();
                break;
            case WatchEventType.Modified when pod.DeletionRequestedAt is not null && pod.Status.Phase is PodPhase.Succeeded or PodPhase.Failed:
                _api.Delete(pod.Key, change: "removed (finished pod)");
                break;
            case WatchEventType.Deleted when _workers.TryGetValue(name, out var removed):
                removed.Stop();
                Release(name);
                break;
            default:
                break;
        }
    }

    private void Admit(Pod pod)
    {
        var requests = pod.Spec.Requests();
        var allocatable = _node!.Status.Allocatable;
        var shortage = Shortage(requests, allocatable);
        if (shortage is not null)
        {
            Reject(pod, shortage);
            return;
        }

        _admitted = _admitted.Add(requests);
        var worker = new PodWorker(this, pod.Key, pod.Spec, requests);
        _workers.Add(pod.Metadata.Name, worker);
        worker.Start();
    }

    /// <summary>A pod that does not fit is marked Failed with reason <c>OutOf&lt;resource&gt;</c>.</summary>
    private void Reject(Pod pod, string shortage)
    {
        var now = _cluster.Simulation.Now;
        UpdateStatus(pod.Key, s => s with { Phase = PodPhase.Failed, FinishedAt = now, Reason = "OutOf" + shortage }, $"rejected: OutOf{shortage}");
    }

    private string? Shortage(ResourceList requests, ResourceList allocatable) =>
        allocatable.Pods > 0 && _workers.Count + 1 > allocatable.Pods ? ResourceNames.Pods : requests.FirstShortage(_admitted, allocatable);

    private void Release(string podName)
    {
        if (_workers.Remove(podName, out var worker))
        {
            _admitted = _admitted.Subtract(worker.Requests);
        }
    }

    /// <summary>
    /// Re-lists the node's pods after a recovery or a healed partition: pods whose deletion was
    /// requested meanwhile are removed (after a recovery: their containers are gone) or terminated
    /// (after a partition: they still run); active pods are restarted (after a recovery) or admitted if
    /// new; running pods the control plane marked not ready are reported ready again; pods gone from
    /// the API are dropped.
    /// </summary>
    private void Resync(bool afterRecovery)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (Pod pod in _api.List(Pod.KindName, Pod.NodeNameIndex, NodeName))
        {
            var name = pod.Metadata.Name;
            listed.Add(name);
            var known = _workers.TryGetValue(name, out var worker);
            if (pod.DeletionRequestedAt is not null)
            {
                if (known && !afterRecovery)
                {
                    worker!.Terminate(); // it still runs: stop it gracefully
                }
                else
                {
                    Release(name);
                    _api.Delete(pod.Key, change: afterRecovery ? "removed after node recovery" : "removed after partition healed");
                }
            }
            else if (pod.IsActive)
            {
                if (!known)
                {
                    Admit(pod);
                }
                else if (afterRecovery)
                {
                    worker!.Restart();
                }
                else if (!pod.Status.IsReady)
                {
                    worker!.ResyncReadiness();
                }
            }
        }

        foreach (var name in _workers.Keys.Where(n => !listed.Contains(n)).ToList())
        {
            _workers[name].Stop();
            Release(name);
        }
    }

    /// <summary>Sends the writes that waited while the node was partitioned, in order.</summary>
    private void SendDeferred()
    {
        if (_deferred.Count == 0)
        {
            return;
        }

        var writes = _deferred.ToArray();
        _deferred.Clear();
        foreach (var write in writes)
        {
            write();
        }
    }

    /// <summary>The node's kube-proxy follows the API server while the node is up and not partitioned.</summary>
    private void ConnectProxy()
    {
        if (_cluster.Proxies.TryGetValue(NodeName, out var proxy))
        {
            proxy.SetConnected(!_down && !_partitioned);
        }
    }

    /// <summary>
    /// Writes a pod's status, re-reading and retrying on a conflict; false if the pod is gone. While
    /// the node is partitioned the write waits until the partition heals (and true is returned).
    /// </summary>
    private bool UpdateStatus(ObjectKey key, Func<PodStatus, PodStatus> change, string description) =>
        UpdateStatus(key, static (status, change) => change(status), change, description);

    /// <summary>
    /// As the other overload, with the change's state passed along, so that a static lambda writes
    /// without allocating a closure.
    /// </summary>
    private bool UpdateStatus<TState>(ObjectKey key, Func<PodStatus, TState, PodStatus> change, TState state, string description)
    {
        if (_partitioned)
        {
            Defer(key, change, state, description);
            return true;
        }

        return _api.Rewrite(key, static (Pod pod, ObjectMeta metadata, (Func<PodStatus, TState, PodStatus> Change, TState State) write) => pod with { Metadata = metadata, Status = write.Change(pod.Status, write.State) }, (change, state), description) is not null;
    }

    private void Defer<TState>(ObjectKey key, Func<PodStatus, TState, PodStatus> change, TState state, string description) =>
        _deferred.Add(() => _api.Modify<Pod>(key, pod => pod with { Status = change(pod.Status, state) }, description));

    /// <summary>Deletes a pod whose containers have stopped; while partitioned, when the partition heals.</summary>
    private void DeletePod(ObjectKey key, string change)
    {
        if (_partitioned)
        {
            _deferred.Add(() => _api.Delete(key, change: change));
            return;
        }

        _api.Delete(key, change: change);
    }
}
