using System.Collections.Immutable;
using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Engine.Randomness;
using Sim.Faults.Injectors;

namespace Sim.Faults;

/// <summary>
/// Injects a scenario's faults into a cluster. A node is down while at least one fault holds it
/// down: it crashes (<see cref="Cluster.Nodes.Kubelet.Fail"/>) when the first one starts and
/// recovers when the last one ends; partitions, cordons and scheduler outages are held the same way.
/// Stochastic faults draw from streams under <c>faults/NAME</c> (per node, per pod, or for choosing
/// targets), so the same seed gives every scheduling policy the same failures.
/// </summary>
public sealed class FaultInjector
{
    private readonly SimulatedCluster _cluster;
    private readonly ImmutableArray<FaultSpec> _faults;
    private readonly Dictionary<string, int> _holds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _partitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _cordons = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cordonedHere = new(StringComparer.Ordinal);
    private readonly List<ApiLatencySpikeFault> _spikes = [];
    private readonly List<FaultRecord> _log = [];
    private readonly List<FaultEvent> _events = [];
    private int _schedulerHolds;

    /// <summary>Prepares the faults (checked here: <see cref="ArgumentException"/> for an invalid one); <see cref="Start"/> schedules them.</summary>
    public FaultInjector(SimulatedCluster cluster, IEnumerable<FaultSpec> faults)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(faults);
        _cluster = cluster;
        _faults = [.. faults];
        FaultChecks.Check(_faults);
    }

    /// <summary>Every crash and recovery of a node so far, in time order.</summary>
    public IReadOnlyList<FaultRecord> Log => _log;

    /// <summary>Everything the injectors did so far, in time order: node downs and recoveries, partitions, cordons, evictions, container crashes, latency and scheduler changes.</summary>
    public IReadOnlyList<FaultEvent> Events => _events;

    /// <summary>Node crashes so far.</summary>
    public int Crashes { get; private set; }

    /// <summary>Nodes partitioned so far.</summary>
    public int Partitions { get; private set; }

    /// <summary>Container crashes injected so far (crashes of containers that were running).</summary>
    public int ContainerCrashes { get; private set; }

    /// <summary>Pods evicted by drains and upgrades so far.</summary>
    public int Evictions { get; private set; }

    /// <summary>Evictions refused so far (a disruption budget allowed none); each retry counts.</summary>
    public int EvictionsRefused { get; private set; }

    internal SimulatedCluster Cluster => _cluster;

    internal Simulation Simulation => _cluster.Simulation;

    /// <summary>Schedules every fault relative to the current simulated time, over the nodes registered now.</summary>
    public void Start()
    {
        var nodes = _cluster.Kubelets.Keys.Order(StringComparer.Ordinal).ToImmutableArray();
        foreach (var fault in _faults)
        {
            Injector injector = fault switch
            {
                NodeCrashFault crash => new NodeCrashInjector(this, crash),
                ScheduledNodeFault scheduled => new NodeHoldInjector(this, fault.Name, scheduled.Nodes, scheduled.At, scheduled.Duration),
                ZoneOutageFault outage => new NodeHoldInjector(this, fault.Name, [.. nodes.Where(n => ZoneOf(n) == outage.Zone)], outage.At, outage.Duration),
                KubeletPartitionFault partition => new PartitionInjector(this, partition),
                PodCrashFault podCrash => new PodCrashInjector(this, podCrash),
                DrainFault drain => new DrainInjector(this, drain),
                RollingUpgradeFault upgrade => new RollingUpgradeInjector(this, upgrade),
                ApiLatencySpikeFault spike => new ApiLatencySpikeInjector(this, spike),
                SchedulerOutageFault outage => new SchedulerOutageInjector(this, outage),
                ServerEventReplayFault replay => new ServerEventReplayInjector(this, replay),
                _ => throw new ArgumentException($"unknown fault kind {fault.GetType().Name}", nameof(fault)),
            };
            injector.Start(nodes);
        }
    }

    internal RandomStreams StreamsOf(string fault) => _cluster.Streams.Child("faults").Child(fault);

    internal Node? NodeObject(string node) => _cluster.Api.Get<Node>(new ObjectKey(Node.KindName, string.Empty, node));

    internal string? ZoneOf(string node) =>
        NodeObject(node) is { } n && n.Metadata.Labels.TryGetValue(Node.ZoneLabel, out var zone) ? zone : null;

    internal bool Selected(string node, ImmutableDictionary<string, string> selector)
    {
        if (selector.IsEmpty)
        {
            return true;
        }

        var labels = NodeObject(node)?.Metadata.Labels;
        return labels is not null && selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    internal void Record(string fault, string target, FaultAction action) =>
        _events.Add(new FaultEvent(_cluster.Simulation.Now, fault, target, action));

    internal void Down(string fault, string node)
    {
        if (!_cluster.Kubelets.TryGetValue(node, out var kubelet) || Acquire(_holds, node) != 1)
        {
            return;
        }

        kubelet.Fail();
        Crashes++;
        _log.Add(new FaultRecord(_cluster.Simulation.Now, fault, node, IsDown: true));
        Record(fault, node, FaultAction.NodeDown);
    }

    internal void Up(string fault, string node)
    {
        if (!_cluster.Kubelets.TryGetValue(node, out var kubelet) || Release(_holds, node) != 0)
        {
            return;
        }

        kubelet.Recover();
        _log.Add(new FaultRecord(_cluster.Simulation.Now, fault, node, IsDown: false));
        Record(fault, node, FaultAction.NodeUp);
    }

    internal void Partition(string fault, string node)
    {
        if (!_cluster.Kubelets.TryGetValue(node, out var kubelet) || Acquire(_partitions, node) != 1)
        {
            return;
        }

        kubelet.Partition();
        Partitions++;
        Record(fault, node, FaultAction.Partitioned);
    }

    internal void Heal(string fault, string node)
    {
        if (!_cluster.Kubelets.TryGetValue(node, out var kubelet) || Release(_partitions, node) != 0)
        {
            return;
        }

        kubelet.Heal();
        Record(fault, node, FaultAction.Healed);
    }

    /// <summary>Marks the node unschedulable unless it already is; the last release uncordons it if this injector cordoned it.</summary>
    internal void Cordon(string fault, string node)
    {
        if (Acquire(_cordons, node) != 1 || NodeObject(node) is not { } current || current.Spec.Unschedulable)
        {
            return;
        }

        if (_cluster.Client("fault/" + fault).Modify<Node>(current.Key, n => n with { Spec = n.Spec with { Unschedulable = true } }, "cordoned") is not null)
        {
            _cordonedHere.Add(node);
            Record(fault, node, FaultAction.Cordoned);
        }
    }

    internal void Uncordon(string fault, string node)
    {
        if (Release(_cordons, node) != 0 || !_cordonedHere.Remove(node) || NodeObject(node) is not { } current)
        {
            return;
        }

        if (_cluster.Client("fault/" + fault).Modify<Node>(current.Key, n => n with { Spec = n.Spec with { Unschedulable = false } }, "uncordoned") is not null)
        {
            Record(fault, node, FaultAction.Uncordoned);
        }
    }

    internal void StopScheduler(string fault)
    {
        if (++_schedulerHolds == 1)
        {
            _cluster.Scheduler.Pause();
            Record(fault, "scheduler", FaultAction.SchedulerStopped);
        }
    }

    internal void ResumeScheduler(string fault)
    {
        if (_schedulerHolds > 0 && --_schedulerHolds == 0)
        {
            _cluster.Scheduler.Resume();
            Record(fault, "scheduler", FaultAction.SchedulerResumed);
        }
    }

    internal void AddSpike(ApiLatencySpikeFault spike)
    {
        _spikes.Add(spike);
        ApplySpikes(spike.Name);
    }

    internal void RemoveSpike(ApiLatencySpikeFault spike)
    {
        _spikes.Remove(spike);
        ApplySpikes(spike.Name);
    }

    internal void ContainerCrashed(string fault, Pod pod)
    {
        ContainerCrashes++;
        Record(fault, pod.Metadata.Namespace + "/" + pod.Metadata.Name, FaultAction.ContainerCrashed);
    }

    internal void Evicted(string fault, Pod pod)
    {
        Evictions++;
        Record(fault, pod.Metadata.Namespace + "/" + pod.Metadata.Name, FaultAction.Evicted);
    }

    internal void EvictionRefused() => EvictionsRefused++;

    private void ApplySpikes(string fault)
    {
        var factor = 1.0;
        TimeSpan? fixedLatency = null;
        foreach (var spike in _spikes)
        {
            factor *= spike.Factor ?? 1.0;
            if (spike.Latency is { } latency && (fixedLatency is null || latency > fixedLatency))
            {
                fixedLatency = latency;
            }
        }

        _cluster.Api.WatchLatency = new WatchLatencyAdjustment(factor, fixedLatency);
        Record(fault, "apiserver", FaultAction.WatchLatencyChanged);
    }

    private static int Acquire(Dictionary<string, int> holds, string node)
    {
        var count = holds.GetValueOrDefault(node) + 1;
        holds[node] = count;
        return count;
    }

    /// <summary>Releases one hold; the count left, or -1 when there was none.</summary>
    private static int Release(Dictionary<string, int> holds, string node)
    {
        if (!holds.TryGetValue(node, out var count))
        {
            return -1;
        }

        if (--count == 0)
        {
            holds.Remove(node);
        }
        else
        {
            holds[node] = count;
        }

        return count;
    }
}

/// <summary>A node going down or coming back because of a fault.</summary>
/// <param name="Time">When.</param>
/// <param name="Fault">The fault's name.</param>
/// <param name="Node">The node.</param>
/// <param name="IsDown">True when the node went down, false when it came back.</param>
public readonly record struct FaultRecord(SimTime Time, string Fault, string Node, bool IsDown);
