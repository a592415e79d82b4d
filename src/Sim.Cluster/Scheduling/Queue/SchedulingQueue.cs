using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Scheduling;

/// <summary>
/// kube-scheduler's priority queue: the active queue ordered by the QueueSort plugin, the backoff queue
/// ordered by backoff expiry, and the unschedulable pods, with gating by PreEnqueue plugins, requeueing
/// on cluster events through the rejecting plugins' registrations and hints, the 1 s backoff flush and
/// the 30 s flush of pods unschedulable for longer than 5 minutes.
/// </summary>
/// <remarks>
/// Backoff follows v1.30–v1.33: <c>initial × 2^(attempts − 1)</c> capped at the maximum, counted from the
/// last failure, without v1.33's 1 s ordering windows. The periodic flushes are simulated as ticks at
/// multiples of their period, scheduled only while there is something to flush.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Upstream's name for it.")]
public sealed class SchedulingQueue
{
    /// <summary>How often backed-off pods move to the active queue.</summary>
    public static readonly TimeSpan BackoffFlushPeriod = TimeSpan.FromSeconds(1);

    /// <summary>How often long-unschedulable pods are checked.</summary>
    public static readonly TimeSpan UnschedulableFlushPeriod = TimeSpan.FromSeconds(30);

    private readonly Simulation _simulation;
    private readonly SchedulerConfiguration _config;
    private readonly Func<string, SchedulerProfile?> _profileOf;
    private readonly Func<string, IReadOnlyList<ClusterEventWithHint>?> _registrationsOf;
    private readonly Action _onActive;
    private readonly PodHeap _active;
    private readonly PodHeap _backoff;
    private readonly ObjectKeyMap<QueuedPodInfo> _pods = new();
    private readonly SortedDictionary<long, QueuedPodInfo> _unschedulable = [];
    private readonly List<(ClusterEvent Event, object? Old, object? New)> _inFlightEvents = [];
    private long _sequence;
    private long _cycle;
    private long _moveRequestCycle = -1;
    private int _inFlight;
    private bool _backoffTickPending;
    private bool _unschedulableTickPending;

    internal SchedulingQueue(
        Simulation simulation,
        SchedulerConfiguration config,
        IQueueSortPlugin queueSort,
        Func<string, SchedulerProfile?> profileOf,
        Func<string, IReadOnlyList<ClusterEventWithHint>?> registrationsOf,
        Action onActive)
    {
        _simulation = simulation;
        _config = config;
        _profileOf = profileOf;
        _registrationsOf = registrationsOf;
        _onActive = onActive;
        _active = new PodHeap(queueSort.Less);
        _backoff = new PodHeap((a, b) => a.BackoffExpiry < b.BackoffExpiry);
    }

    /// <summary>Pods ready to be scheduled.</summary>
    public int ActiveCount => _active.Count;

    /// <summary>Pods waiting out a backoff.</summary>
    public int BackoffCount => _backoff.Count;

    /// <summary>Pods waiting for a cluster event (including gated pods).</summary>
    public int UnschedulableCount => _unschedulable.Count;

    /// <summary>Every pod the queue holds, including the one being scheduled.</summary>
    public int Count => _pods.Count;

    /// <summary>The scheduling cycle counter (one per popped pod).</summary>
    public long SchedulingCycle => _cycle;

    /// <summary>The backoff after <paramref name="attempts"/> failed attempts: 0, then initial × 2^(n−1) up to the maximum.</summary>
    public TimeSpan BackoffDuration(int attempts)
    {
        if (attempts <= 0)
        {
            return TimeSpan.Zero;
        }

        var duration = _config.PodInitialBackoff;
        for (var i = 1; i < attempts; i++)
        {
            duration += duration;
            if (duration >= _config.PodMaxBackoff)
            {
                return _config.PodMaxBackoff;
            }
        }

        return duration > _config.PodMaxBackoff ? _config.PodMaxBackoff : duration;
    }

    /// <summary>Where the pod at <paramref name="key"/> is: "active", "backoff", "unschedulable", "in-flight", or null.</summary>
    public string? LocationOf(ObjectKey key) => _pods.TryGetValue(key, out var info)
        ? info.Location switch
        {
            QueueLocation.Active => "active",
            QueueLocation.Backoff => "backoff",
            QueueLocation.Unschedulable => "unschedulable",
            QueueLocation.InFlight => "in-flight",
            _ => null,
        }
        : null;

    /// <summary>The queued info of the pod at <paramref name="key"/>, or null.</summary>
    public QueuedPodInfo? Get(ObjectKey key) => _pods.GetValueOrDefault(key);

    /// <summary>Adds a new pending pod: to the active queue, or among the unschedulable pods when a PreEnqueue plugin gates it.</summary>
    public void Add(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        // One lookup for the check and the insertion; nothing below touches the map before the slot is set.
        ref var slot = ref _pods.GetValueRefOrAddDefault(pod.Key, out var exists);
        if (exists)
        {
            Update(pod);
            return;
        }

        var info = new QueuedPodInfo(new PodInfo(pod), _simulation.Now) { Sequence = _sequence++ };
        slot = info;
        MoveToActiveOrGate(info);
    }

    /// <summary>A pending pod changed: its info is refreshed, and a waiting pod is requeued if the change may help it.</summary>
    public void Update(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (!_pods.TryGetValue(pod.Key, out var info))
        {
            Add(pod);
            return;
        }

        var old = info.PodInfo.Pod;
        info.PodInfo = new PodInfo(pod);
        switch (info.Location)
        {
            case QueueLocation.Active:
                _active.Fix(info);
                break;
            case QueueLocation.Unschedulable:
                if (info.Gated)
                {
                    _unschedulable.Remove(info.Sequence);
                    MoveToActiveOrGate(info);
                }
                else if (ReferenceEquals(old.Spec, pod.Spec) && old.Metadata.Labels == pod.Metadata.Labels)
                {
                    // Only the status changed (e.g. the scheduler's own Unschedulable condition): as
                    // upstream's isPodUpdated, that is not an update that could help the pod.
                }
                else
                {
                    var action = PodUpdateAction(old, pod);
                    if (IsWorthRequeuing(info, new ClusterEvent(EventResource.UnscheduledPod, action), old, pod))
                    {
                        _unschedulable.Remove(info.Sequence);
                        Requeue(info);
                    }
                }

                break;
        }
    }

    /// <summary>Forgets a pod (deleted, or bound by someone else).</summary>
    public void Delete(ObjectKey key)
    {
        if (!_pods.Remove(key, out var info))
        {
            return;
        }

        switch (info.Location)
        {
            case QueueLocation.Active:
                _active.Remove(info);
                break;
            case QueueLocation.Backoff:
                _backoff.Remove(info);
                break;
            case QueueLocation.Unschedulable:
                _unschedulable.Remove(info.Sequence);
                break;
            case QueueLocation.InFlight:
                _inFlight--;
                break;
        }

        info.Location = QueueLocation.None;
    }

    /// <summary>Takes the head of the active queue for a scheduling cycle; null when it is empty.</summary>
    public QueuedPodInfo? Pop()
    {
        if (_active.Count == 0)
        {
            return null;
        }

        var info = _active.Pop();
        info.Location = QueueLocation.InFlight;
        info.Attempts++;
        info.Cycle = _cycle++;
        _inFlight++;
        return info;
    }

    /// <summary>The pod's cycle ended successfully (assumed); the queue forgets it.</summary>
    public void Done(QueuedPodInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Location == QueueLocation.InFlight)
        {
            _inFlight--;
            if (_inFlight == 0)
            {
                _inFlightEvents.Clear();
            }
        }

        info.Location = QueueLocation.None;
        _pods.Remove(info.PodInfo.Pod.Key);
    }

    /// <summary>
    /// Requeues a pod whose cycle failed. An error goes to the backoff queue. A rejection goes among the
    /// unschedulable pods, unless an event that may help arrived while it was being scheduled; then it
    /// goes to the backoff queue (or the active queue if its backoff has passed).
    /// </summary>
    public void AddUnschedulable(QueuedPodInfo info, bool error)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Location == QueueLocation.InFlight)
        {
            _inFlight--;
        }

        if (!_pods.ContainsKey(info.PodInfo.Pod.Key))
        {
            // Deleted while in flight.
            info.Location = QueueLocation.None;
            return;
        }

        info.Timestamp = _simulation.Now;
        info.UnschedulableCount++;
        info.BackoffExpiry = _simulation.Now + BackoffDuration(info.Attempts);
        var helped = error || _moveRequestCycle >= info.Cycle || InFlightEventsHelp(info);
        if (_inFlight == 0)
        {
            _inFlightEvents.Clear();
        }

        if (helped)
        {
            ToBackoff(info);
        }
        else
        {
            ToUnschedulable(info);
        }
    }

    /// <summary>
    /// A cluster event happened: every waiting pod that a plugin registered for it rejected (and whose
    /// hint says Queue) moves to the backoff or active queue.
    /// </summary>
    public void OnClusterEvent(ClusterEvent clusterEvent, object? oldObject, object? newObject, ObjectKey? except = null)
    {
        if (_inFlight > 0)
        {
            _inFlightEvents.Add((clusterEvent, oldObject, newObject));
        }

        if (_unschedulable.Count == 0)
        {
            return;
        }

        List<QueuedPodInfo>? moved = null;
        foreach (var info in _unschedulable.Values)
        {
            if (!info.Gated && info.PodInfo.Pod.Key != except && IsWorthRequeuing(info, clusterEvent, oldObject, newObject))
            {
                (moved ??= []).Add(info);
            }
        }

        if (moved is null)
        {
            return;
        }

        foreach (var info in moved)
        {
            _unschedulable.Remove(info.Sequence);
            Requeue(info);
        }

        _moveRequestCycle = _cycle;
    }

    /// <summary>Moves every waiting (not gated) pod to the backoff or active queue, as upstream's flush on a wildcard event.</summary>
    public void MoveAllToActiveOrBackoff()
    {
        var all = _unschedulable.Values.Where(i => !i.Gated).ToList();
        foreach (var info in all)
        {
            _unschedulable.Remove(info.Sequence);
            Requeue(info);
        }

        _moveRequestCycle = _cycle;
    }

    private void MoveToActiveOrGate(QueuedPodInfo info)
    {
        var profile = _profileOf(info.PodInfo.Pod.Spec.SchedulerName);
        var status = profile?.RunPreEnqueuePlugins(info.PodInfo) ?? Status.Success;
        if (!status.IsSuccess)
        {
            info.Gated = true;
            info.GatingPlugin = status.Plugin;
            info.Location = QueueLocation.Unschedulable;
            _unschedulable[info.Sequence] = info;
            return;
        }

        info.Gated = false;
        info.GatingPlugin = null;
        ToActive(info);
    }

    private void Requeue(QueuedPodInfo info)
    {
        if (info.BackoffExpiry <= _simulation.Now)
        {
            ToActive(info);
        }
        else
        {
            ToBackoff(info);
        }
    }

    private void ToActive(QueuedPodInfo info)
    {
        info.Location = QueueLocation.Active;
        _active.Push(info);
        _onActive();
    }

    private void ToBackoff(QueuedPodInfo info)
    {
        if (info.BackoffExpiry <= _simulation.Now)
        {
            ToActive(info);
            return;
        }

        info.Location = QueueLocation.Backoff;
        _backoff.Push(info);
        ScheduleBackoffTick();
    }

    private void ToUnschedulable(QueuedPodInfo info)
    {
        info.Location = QueueLocation.Unschedulable;
        _unschedulable[info.Sequence] = info;
        ScheduleUnschedulableTick();
    }

    private void ScheduleBackoffTick()
    {
        if (_backoffTickPending)
        {
            return;
        }

        _backoffTickPending = true;
        _simulation.ScheduleAt(NextTick(BackoffFlushPeriod), FlushBackoff);
    }

    private void ScheduleUnschedulableTick()
    {
        if (_unschedulableTickPending)
        {
            return;
        }

        _unschedulableTickPending = true;
        _simulation.ScheduleAt(NextTick(UnschedulableFlushPeriod), FlushUnschedulableLeftover);
    }

    private SimTime NextTick(TimeSpan period)
    {
        var ticks = period.Ticks;
        var now = _simulation.Now.Ticks;
        return SimTime.FromTicks(((now / ticks) + 1) * ticks);
    }

    private void FlushBackoff()
    {
        _backoffTickPending = false;
        var now = _simulation.Now;
        while (_backoff.Peek() is { } head && head.BackoffExpiry <= now)
        {
            _backoff.Pop();
            ToActive(head);
        }

        if (_backoff.Count != 0)
        {
            ScheduleBackoffTick();
        }
    }

    private void FlushUnschedulableLeftover()
    {
        _unschedulableTickPending = false;
        var now = _simulation.Now;
        List<QueuedPodInfo>? moved = null;
        foreach (var info in _unschedulable.Values)
        {
            if (!info.Gated && now - info.Timestamp > _config.PodMaxInUnschedulablePodsDuration)
            {
                (moved ??= []).Add(info);
            }
        }

        foreach (var info in moved ?? [])
        {
            _unschedulable.Remove(info.Sequence);
            Requeue(info);
        }

        if (_unschedulable.Values.Any(i => !i.Gated))
        {
            ScheduleUnschedulableTick();
        }
    }

    private bool InFlightEventsHelp(QueuedPodInfo info)
    {
        foreach (var (clusterEvent, old, @new) in _inFlightEvents)
        {
            if (IsWorthRequeuing(info, clusterEvent, old, @new))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsWorthRequeuing(QueuedPodInfo info, ClusterEvent clusterEvent, object? oldObject, object? newObject)
    {
        if (clusterEvent.Resource == EventResource.Wildcard || !info.HasUnschedulablePlugins)
        {
            return true;
        }

        foreach (var plugin in info.UnschedulablePlugins)
        {
            var registrations = _registrationsOf(plugin);
            if (registrations is null)
            {
                return true;
            }

            foreach (var registration in registrations)
            {
                if (clusterEvent.IsCoveredBy(registration.Event)
                    && (registration.Hint is null || registration.Hint(info.PodInfo.Pod, oldObject, newObject) == QueueingHint.Queue))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ActionType PodUpdateAction(Pod old, Pod pod)
    {
        var action = ActionType.None;
        if (!old.Metadata.Labels.SequenceEqual(pod.Metadata.Labels))
        {
            action |= ActionType.UpdatePodLabel;
        }

        if (!old.Spec.Tolerations.SequenceEqual(pod.Spec.Tolerations))
        {
            action |= ActionType.UpdatePodTolerations;
        }

        if (!old.Spec.SchedulingGates.IsDefaultOrEmpty && pod.Spec.SchedulingGates.IsDefaultOrEmpty)
        {
            action |= ActionType.UpdatePodSchedulingGatesEliminated;
        }

        var before = old.Spec.Requests();
        var after = pod.Spec.Requests();
        if (after.MilliCpu < before.MilliCpu || after.Memory < before.Memory || after.EphemeralStorage < before.EphemeralStorage)
        {
            action |= ActionType.UpdatePodScaleDown;
        }

        return action == ActionType.None ? ActionType.UpdateOther : action;
    }
}
