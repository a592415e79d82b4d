using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Engine.Randomness;

namespace Sim.Scheduling;

/// <summary>
/// The simulated kube-scheduler: it watches pods, nodes, Services, controllers and disruption budgets
/// through the API server, keeps its cache (with assumed pods), queues pending pods whose
/// <c>schedulerName</c> is one of its profiles, and runs one scheduling cycle at a time; the binding
/// cycle runs asynchronously, an API round trip later.
/// </summary>
public sealed class Scheduler
{
    private const string Component = "default-scheduler";

    private readonly Dictionary<string, SchedulerProfile> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<ClusterEventWithHint>?> _registrations = new(StringComparer.Ordinal);
    // The assumed pods, each with the node it is assumed on.
    private readonly ObjectKeyMap<string> _assumed = new();
    private readonly Simulation _simulation;
    private readonly ApiClient _client;
    private readonly SchedulingAlgorithm _algorithm;
    private readonly Delay _cycleDuration;
    private readonly SimRandom _cycleRandom;
    private readonly TimeSpan _bindLatency;
    private bool _cyclePending;
    // The scheduler name IsOurs found last (profiles are fixed once built).
    private string? _lastProfileName;

    /// <summary>Starts a scheduler on <paramref name="cluster"/>'s API server.</summary>
    public Scheduler(SimulatedCluster cluster, SchedulerConfiguration? config = null, PluginRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        Configuration = config ?? new SchedulerConfiguration();
        registry ??= PluginRegistry.CreateDefault();
        _simulation = cluster.Simulation;
        _client = cluster.Client(Component);
        _cycleDuration = cluster.Timings.SchedulingCycle;
        _cycleRandom = cluster.Streams.Child("scheduler").For("cycle-duration");
        _bindLatency = cluster.Timings.ApiRequestLatency;
        _algorithm = new SchedulingAlgorithm(cluster.Streams.Child("scheduler").For("select-host"), Configuration.PercentageOfNodesToScore);
        foreach (var profileConfig in Configuration.Profiles)
        {
            var handle = new FrameworkHandle(Snapshot, Lister, cluster.Streams.Seed, _client, () => _simulation.Now, Nominator) { WaitingPods = WaitingPods };
            var profile = SchedulerProfile.Build(profileConfig, registry, handle);
            if (!_profiles.TryAdd(profile.SchedulerName, profile))
            {
                throw new SchedulerConfigException($"duplicate profile \"{profile.SchedulerName}\"");
            }

            foreach (var plugin in profile.Plugins.Values)
            {
                _registrations[plugin.Name] = plugin is IEnqueueExtensions extensions ? extensions.EventsToRegister() : null;
            }
        }

        var first = _profiles.Values.First();
        if (_profiles.Values.Any(p => p.QueueSort.GetType() != first.QueueSort.GetType()))
        {
            throw new SchedulerConfigException("all profiles must use the same queue sort plugin");
        }

        Queue = new SchedulingQueue(_simulation, Configuration, first.QueueSort, name => _profiles.GetValueOrDefault(name), RegistrationsOf, ScheduleCycle);
        _client.Watch(cluster.WatchOptionsFor(Component, Node.KindName), OnNode);
        _client.Watch(cluster.WatchOptionsFor(Component, Pod.KindName), OnPod);
        foreach (var kind in new[] { Service.KindName, ReplicationController.KindName, ReplicaSet.KindName, PodDisruptionBudget.KindName })
        {
            _client.Watch(cluster.WatchOptionsFor(Component, kind), OnListedObject);
        }
    }

    /// <summary>The configuration it runs.</summary>
    public SchedulerConfiguration Configuration { get; }

    /// <summary>The profiles by scheduler name.</summary>
    public IReadOnlyDictionary<string, SchedulerProfile> Profiles => _profiles;

    /// <summary>The cache: nodes and the pods on them, assumed pods included.</summary>
    public Snapshot Snapshot { get; } = new();

    /// <summary>The other objects plugins read.</summary>
    public ClusterLister Lister { get; } = new();

    /// <summary>Pods nominated by preemption.</summary>
    public Nominator Nominator { get; } = new();

    /// <summary>Pods held at Permit.</summary>
    public WaitingPods WaitingPods { get; } = new();

    /// <summary>The scheduling queue.</summary>
    public SchedulingQueue Queue { get; }

    /// <summary>Pods waiting for a node (active, backing off, unschedulable or in flight).</summary>
    public int PendingCount => Queue.Count;

    /// <summary>Pods bound so far.</summary>
    public long Scheduled { get; private set; }

    /// <summary>Scheduling attempts that found no node.</summary>
    public long Unschedulable { get; private set; }

    /// <summary>Scheduling cycles run.</summary>
    public long Attempts { get; private set; }

    /// <summary>Pods assumed and not yet confirmed bound by a watch event (nor forgotten).</summary>
    internal int AssumedCount => _assumed.Count;

    /// <summary>True while the scheduler is stopped (see <see cref="Pause"/>).</summary>
    public bool IsPaused { get; private set; }

    /// <summary>
    /// The scheduler stops scheduling (an outage): no new scheduling cycle starts until
    /// <see cref="Resume"/>. Its watches keep its cache and queue up to date, as a restarted scheduler
    /// re-lists; pods already assumed still bind.
    /// </summary>
    public void Pause() => IsPaused = true;

    /// <summary>The scheduler schedules again, starting with the pods queued meanwhile.</summary>
    public void Resume()
    {
        if (!IsPaused)
        {
            return;
        }

        IsPaused = false;
        ScheduleCycle();
    }

    private IReadOnlyList<ClusterEventWithHint>? RegistrationsOf(string plugin) => _registrations.GetValueOrDefault(plugin);

    private bool IsOurs(Pod pod)
    {
        // Pods of one template share the name's instance: the last name found is checked by reference first.
        var name = pod.Spec.SchedulerName;
        if (ReferenceEquals(name, _lastProfileName))
        {
            return true;
        }

        if (!_profiles.ContainsKey(name))
        {
            return false;
        }

        _lastProfileName = name;
        return true;
    }

    private void OnNode(WatchEvent e)
    {
        var node = (Node)e.Item;
        switch (e.Type)
        {
            case WatchEventType.Added:
                Snapshot.AddNode(node);
                Queue.OnClusterEvent(new ClusterEvent(EventResource.Node, ActionType.Add), null, node);
                break;
            case WatchEventType.Modified:
                var old = Snapshot.Get(node.Metadata.Name)?.Node;
                Snapshot.UpdateNode(node);
                var action = old is null ? ActionType.Add : NodeUpdateAction(old, node);
                if (action != ActionType.None)
                {
                    Queue.OnClusterEvent(new ClusterEvent(EventResource.Node, action), old, node);
                }

                break;
            case WatchEventType.Deleted:
                Snapshot.RemoveNode(node.Metadata.Name);
                Queue.OnClusterEvent(new ClusterEvent(EventResource.Node, ActionType.Delete), node, null);
                break;
        }
    }

    private void OnPod(WatchEvent e)
    {
        var pod = (Pod)e.Item;
        var key = pod.Key;
        var terminal = pod.Status.Phase is PodPhase.Succeeded or PodPhase.Failed;
        if (e.Type == WatchEventType.Deleted || terminal)
        {
            WaitingPods.Get(key)?.Reject(string.Empty, "pod was deleted while waiting at Permit");
            Queue.Delete(key);
            Nominator.Remove(key);
            _assumed.Remove(key);
            if (Snapshot.RemovePod(key))
            {
                Queue.OnClusterEvent(new ClusterEvent(EventResource.AssignedPod, ActionType.Delete), pod, null);
            }

            return;
        }

        if (pod.IsBound)
        {
            var existing = Snapshot.GetPod(key);

            // A status-only change (the kubelet's phase and readiness writes): same spec, labels, node
            // and deletion state, so the requests, affinity terms and counts are unchanged; swap the
            // object in place instead of taking the pod off its node and back. A cached pod that is not
            // the assumed one, with the API's own spec instance, is a bound one the cache took from a
            // watch event (the bound pod of an assumed one carries the assumed spec: the binding wrote
            // it; that pod goes the way below); that event took the pod off the queue and out of the
            // assumed set, and no event since could put it back (a pod is queued or assumed only while
            // unbound), so there is nothing to take off them here.
            if (existing is { IsAssumed: false } && ReferenceEquals(existing.Pod.Spec, pod.Spec)
                && existing.Pod.Metadata.Labels == pod.Metadata.Labels && existing.Pod.DeletionRequestedAt == pod.DeletionRequestedAt)
            {
                Nominator.Remove(key);
                var previous = existing.Pod;
                if (ReferenceEquals(previous, pod))
                {
                    return;
                }

                existing.Pod = pod;
                Queue.OnClusterEvent(new ClusterEvent(EventResource.AssignedPod, ActionType.UpdateOther), previous, pod);
                return;
            }

            Queue.Delete(key);
            Nominator.Remove(key);
            var wasAssumed = _assumed.Remove(key);
            if (existing is not null && ReferenceEquals(existing.Pod, pod))
            {
                return;
            }

            // The bind of a pod assumed on the same node, the pod otherwise as assumed: the node's totals,
            // pod order and topology counts come out as taking the assumed pod off and adding this one would.
            if (wasAssumed && existing is not null && Snapshot.TryReplacePod(pod))
            {
                existing.IsAssumed = false;
                return;
            }

            var info = new PodInfo(pod);
            Snapshot.AddPod(info, pod.Spec.NodeName);
            if (!wasAssumed)
            {
                var action = existing is null ? ActionType.Add : AssignedPodUpdateAction(existing.Pod, pod);
                Queue.OnClusterEvent(new ClusterEvent(EventResource.AssignedPod, action), existing?.Pod, pod);
            }

            return;
        }

        if (!IsOurs(pod) || pod.DeletionRequestedAt is not null)
        {
            Queue.Delete(key);
            return;
        }

        if (pod.Status.NominatedNodeName.Length != 0)
        {
            Nominator.Add(new PodInfo(pod), pod.Status.NominatedNodeName);
        }
        else
        {
            Nominator.Remove(key);
        }

        if (_assumed.ContainsKey(key))
        {
            return;
        }

        if (e.Type == WatchEventType.Added)
        {
            Queue.Add(pod);
        }
        else
        {
            Queue.Update(pod);
        }
    }

    private void OnListedObject(WatchEvent e)
    {
        if (e.Type == WatchEventType.Deleted)
        {
            Lister.Remove(e.Item.Key);
        }
        else
        {
            Lister.Set(e.Item);
        }

        var resource = e.Item switch
        {
            Service => EventResource.Service,
            PodDisruptionBudget => EventResource.PodDisruptionBudget,
            _ => (EventResource?)null,
        };
        if (resource is { } r)
        {
            var action = e.Type switch
            {
                WatchEventType.Added => ActionType.Add,
                WatchEventType.Deleted => ActionType.Delete,
                _ => ActionType.UpdateOther,
            };
            Queue.OnClusterEvent(new ClusterEvent(r, action), null, e.Item);
        }
    }

    private void ScheduleCycle()
    {
        if (_cyclePending || IsPaused)
        {
            return;
        }

        _cyclePending = true;
        var delay = _cycleDuration.Sample(_cycleRandom);
        _simulation.ScheduleAfter(delay, static scheduler => scheduler.RunCycle(), this);
    }

    private void RunCycle()
    {
        _cyclePending = false;
        if (IsPaused)
        {
            return;
        }

        var queued = Queue.Pop();
        if (queued is null)
        {
            return;
        }

        ScheduleOne(queued);
        if (Queue.ActiveCount != 0)
        {
            ScheduleCycle();
        }
    }

    private void ScheduleOne(QueuedPodInfo queued)
    {
        var podInfo = queued.PodInfo;
        var pod = podInfo.Pod;
        if (!_profiles.TryGetValue(pod.Spec.SchedulerName, out var profile))
        {
            Queue.Done(queued);
            return;
        }

        Attempts++;
        // A fresh state per cycle: the binding cycle keeps it while the next pod is scheduled, as
        // upstream hands the cycle's state to its binding goroutine (no copy).
        var state = new CycleState();
        var result = _algorithm.Schedule(profile, state, podInfo, Snapshot, Nominator);
        if (result.SuggestedHost is not { } host)
        {
            HandleFailure(profile, state, queued, result);
            return;
        }

        // Assume: the pod counts on the node from now on, before it is bound.
        var assumed = podInfo.AssumedOn(host);
        Snapshot.AddPod(assumed, host);
        _assumed.TryAdd(pod.Key, host);
        var reserve = profile.RunReservePlugins(state, assumed, host);
        if (!reserve.IsSuccess)
        {
            Forget(pod);
            Fail(queued, reserve, error: reserve.Code == StatusCode.Error);
            return;
        }

        var permit = profile.RunPermitPlugins(state, assumed, host, out var waiting);
        if (!permit.IsSuccess && permit.Code != StatusCode.Wait)
        {
            profile.RunUnreservePlugins(state, assumed, host);
            Forget(pod);
            Fail(queued, permit, error: permit.Code == StatusCode.Error);
            return;
        }

        Nominator.Remove(pod.Key);
        if (waiting is null)
        {
            Queue.Done(queued);
            _simulation.ScheduleAfter(_bindLatency, static binding => binding.Run(), new BindingCycle(this, profile, state, queued, assumed, host));
            return;
        }

        HoldAtPermit(profile, state, queued, assumed, host, waiting);
    }

    /// <summary>Held at Permit: the pod stays assumed (and in flight) until allowed, rejected or timed out.</summary>
    private void HoldAtPermit(SchedulerProfile profile, CycleState state, QueuedPodInfo queued, PodInfo assumed, string host, IReadOnlyDictionary<string, TimeSpan> waiting)
    {
        var waitingPod = new WaitingPod(assumed, host, waiting.Keys, (w, status) => PermitDone(profile, state, queued, w, status));
        WaitingPods.Add(waitingPod);
        foreach (var (plugin, timeout) in waiting.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            _simulation.ScheduleAfter(timeout, () => waitingPod.Reject(plugin, $"rejected due to timeout after waiting {timeout.TotalSeconds:0.###}s at plugin {plugin}"));
        }
    }

    private void PermitDone(SchedulerProfile profile, CycleState state, QueuedPodInfo queued, WaitingPod waiting, Status status)
    {
        WaitingPods.Remove(waiting.Pod.Pod.Key);
        if (status.IsSuccess)
        {
            Queue.Done(queued);
            _simulation.ScheduleAfter(_bindLatency, static binding => binding.Run(), new BindingCycle(this, profile, state, queued, waiting.Pod, waiting.NodeName));
            return;
        }

        // Requeue first, then tell the other waiting pods the node has room again (not this one: it was rejected).
        profile.RunUnreservePlugins(state, waiting.Pod, waiting.NodeName);
        Forget(queued.PodInfo.Pod);
        Fail(queued, status, error: false);
        Queue.OnClusterEvent(new ClusterEvent(EventResource.AssignedPod, ActionType.Delete), waiting.Pod.Pod, null, except: queued.PodInfo.Pod.Key);
    }

    private void Bind(SchedulerProfile profile, CycleState state, QueuedPodInfo queued, PodInfo assumed, string host)
    {
        var status = profile.RunPreBindPlugins(state, assumed, host);
        if (status.IsSuccess)
        {
            // The assumed pod (spec.nodeName set), as upstream binds it.
            status = profile.RunBindPlugins(state, assumed, host);
        }

        if (status.IsSuccess)
        {
            Scheduled++;
            profile.RunPostBindPlugins(state, assumed, host);
            return;
        }

        profile.RunUnreservePlugins(state, assumed, host);
        Forget(queued.PodInfo.Pod);
        Queue.OnClusterEvent(new ClusterEvent(EventResource.AssignedPod, ActionType.Delete), assumed.Pod, null);
        var current = _client.Get<Pod>(queued.PodInfo.Pod.Key);
        if (current is { IsBound: false } && current.IsActive && current.Metadata.Uid == queued.PodInfo.Pod.Metadata.Uid)
        {
            Queue.Add(current);
        }
    }

    private void Forget(Pod pod)
    {
        if (_assumed.Remove(pod.Key))
        {
            Snapshot.RemovePod(pod.Key);
        }
    }

    private void HandleFailure(SchedulerProfile profile, CycleState state, QueuedPodInfo queued, ScheduleResult result)
    {
        if (result.Status.Code == StatusCode.Error)
        {
            Fail(queued, result.Status, error: true);
            return;
        }

        Unschedulable++;
        var nominated = string.Empty;
        var clearNomination = false;
        var postFilterMessage = string.Empty;
        if (profile.HasPostFilterPlugins)
        {
            var post = profile.RunPostFilterPlugins(state, queued.PodInfo, result.Diagnosis, out var node);
            postFilterMessage = post.Message;
            if (post.IsSuccess && node is not null)
            {
                nominated = node;
            }
            else if (!post.IsSuccess && node is { Length: 0 })
            {
                clearNomination = true;
            }
        }

        queued.UnschedulablePlugins.Clear();
        queued.UnschedulablePlugins.UnionWith(result.UnschedulablePlugins);
        var message = result.FitErrorMessage(postFilterMessage);
        RecordUnschedulable(queued.PodInfo.Pod, message, nominated, clearNomination);
        if (nominated.Length != 0)
        {
            Nominator.Add(queued.PodInfo, nominated);
        }
        else if (clearNomination)
        {
            Nominator.Remove(queued.PodInfo.Pod.Key);
        }

        Queue.AddUnschedulable(queued, error: false);
    }

    private void Fail(QueuedPodInfo queued, Status status, bool error)
    {
        queued.UnschedulablePlugins.Clear();
        if (status.Plugin is { } plugin)
        {
            queued.UnschedulablePlugins.Add(plugin);
        }

        Queue.AddUnschedulable(queued, error);
    }

    private void RecordUnschedulable(Pod pod, string message, string nominated, bool clearNomination)
    {
        if (pod.Status.Reason == "Unschedulable" && pod.Status.Message == message && nominated.Length == 0
            && (!clearNomination || pod.Status.NominatedNodeName.Length == 0))
        {
            return;
        }

        _client.Modify<Pod>(
            pod.Key,
            current => current.Metadata.Uid != pod.Metadata.Uid || current.IsBound
                ? current
                : current with
                {
                    Status = current.Status with
                    {
                        Reason = "Unschedulable",
                        Message = message,
                        NominatedNodeName = nominated.Length != 0 ? nominated : clearNomination ? string.Empty : current.Status.NominatedNodeName,
                    },
                },
            nominated.Length != 0 ? $"unschedulable, nominated {nominated}" : "unschedulable");
    }

    /// <summary>A binding cycle waiting for its turn (an API round trip after the scheduling cycle).</summary>
    private sealed class BindingCycle(Scheduler scheduler, SchedulerProfile profile, CycleState state, QueuedPodInfo queued, PodInfo assumed, string host)
    {
        public void Run() => scheduler.Bind(profile, state, queued, assumed, host);
    }

    private static ActionType NodeUpdateAction(Node old, Node node)
    {
        var action = ActionType.None;
        if (!old.Status.Allocatable.Equals(node.Status.Allocatable))
        {
            action |= ActionType.UpdateNodeAllocatable;
        }

        if (!old.Metadata.Labels.SequenceEqual(node.Metadata.Labels))
        {
            action |= ActionType.UpdateNodeLabel;
        }

        if (old.Spec.Unschedulable != node.Spec.Unschedulable || !old.Spec.Taints.SequenceEqual(node.Spec.Taints))
        {
            action |= ActionType.UpdateNodeTaint;
        }

        if (old.Status.Ready != node.Status.Ready)
        {
            action |= ActionType.UpdateNodeCondition;
        }

        if (!old.Status.Images.SequenceEqual(node.Status.Images))
        {
            action |= ActionType.UpdateNodeImages;
        }

        return action;
    }

    private static ActionType AssignedPodUpdateAction(Pod old, Pod pod)
    {
        var action = ActionType.None;
        if (!old.Metadata.Labels.SequenceEqual(pod.Metadata.Labels))
        {
            action |= ActionType.UpdatePodLabel;
        }

        var before = old.Spec.Requests();
        var after = pod.Spec.Requests();
        if (after.MilliCpu < before.MilliCpu || after.Memory < before.Memory)
        {
            action |= ActionType.UpdatePodScaleDown;
        }

        return action == ActionType.None ? ActionType.UpdateOther : action;
    }
}
