using System.Collections.Immutable;
using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Engine.Randomness;

namespace Sim.Faults;

/// <summary>
/// Injects a scenario's faults into a cluster. A node is down while at least one fault holds it
/// down: it crashes (<see cref="Cluster.Nodes.Kubelet.Fail"/>) when the first one starts and
/// recovers when the last one ends. Stochastic faults draw from
/// <c>faults/NAME/NODE</c> streams, so each node's failure times depend only on the seed.
/// </summary>
public sealed class FaultInjector
{
    private readonly SimulatedCluster _cluster;
    private readonly ImmutableArray<FaultSpec> _faults;
    private readonly Dictionary<string, int> _holds = new(StringComparer.Ordinal);
    private readonly List<FaultRecord> _log = [];

    /// <summary>Prepares the faults; <see cref="Start"/> schedules them.</summary>
    public FaultInjector(SimulatedCluster cluster, IEnumerable<FaultSpec> faults)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(faults);
        _cluster = cluster;
        _faults = [.. faults];
    }

    /// <summary>Every crash and recovery so far, in time order.</summary>
    public IReadOnlyList<FaultRecord> Log => _log;

    /// <summary>Node crashes so far.</summary>
    public int Crashes { get; private set; }

    /// <summary>Schedules every fault relative to the current simulated time, over the nodes registered now.</summary>
    public void Start()
    {
        var nodes = _cluster.Kubelets.Keys.Order(StringComparer.Ordinal).ToImmutableArray();
        foreach (var fault in _faults)
        {
            switch (fault)
            {
                case NodeCrashFault crash:
                    StartCrashes(crash, nodes);
                    break;
                case ScheduledNodeFault scheduled:
                    foreach (var node in scheduled.Nodes)
                    {
                        Hold(fault.Name, node, scheduled.At, scheduled.Duration);
                    }

                    break;
                case ZoneOutageFault outage:
                    foreach (var node in nodes.Where(n => ZoneOf(n) == outage.Zone))
                    {
                        Hold(fault.Name, node, outage.At, outage.Duration);
                    }

                    break;
                default:
                    throw new ArgumentException($"unknown fault kind {fault.GetType().Name}", nameof(fault));
            }
        }
    }

    private string? ZoneOf(string node) =>
        _cluster.Api.Get<Node>(new ObjectKey(Node.KindName, string.Empty, node)) is { } n && n.Metadata.Labels.TryGetValue(Node.ZoneLabel, out var zone) ? zone : null;

    private bool Selected(string node, NodeCrashFault crash)
    {
        if (crash.NodeSelector.IsEmpty)
        {
            return true;
        }

        var labels = _cluster.Api.Get<Node>(new ObjectKey(Node.KindName, string.Empty, node))?.Metadata.Labels;
        return labels is not null && crash.NodeSelector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    private void StartCrashes(NodeCrashFault crash, ImmutableArray<string> nodes)
    {
        var streams = _cluster.Streams.Child("faults").Child(crash.Name);
        foreach (var node in nodes.Where(n => Selected(n, crash)))
        {
            var process = new CrashProcess(this, crash, node, streams.For(node));
            process.ScheduleFailure(crash.Start);
        }
    }

    private void Hold(string fault, string node, TimeSpan at, TimeSpan? duration)
    {
        var simulation = _cluster.Simulation;
        simulation.ScheduleAfter(at, _ =>
        {
            Down(fault, node);
            if (duration is { } d)
            {
                simulation.ScheduleAfter(d, _ => Up(fault, node), this);
            }
        }, this);
    }

    private void Down(string fault, string node)
    {
        if (!_cluster.Kubelets.TryGetValue(node, out var kubelet))
        {
            return;
        }

        var holds = _holds.GetValueOrDefault(node) + 1;
        _holds[node] = holds;
        if (holds == 1)
        {
            kubelet.Fail();
            Crashes++;
            _log.Add(new FaultRecord(_cluster.Simulation.Now, fault, node, IsDown: true));
        }
    }

    private void Up(string fault, string node)
    {
        if (!_cluster.Kubelets.TryGetValue(node, out var kubelet) || !_holds.TryGetValue(node, out var holds))
        {
            return;
        }

        holds--;
        if (holds > 0)
        {
            _holds[node] = holds;
            return;
        }

        _holds.Remove(node);
        kubelet.Recover();
        _log.Add(new FaultRecord(_cluster.Simulation.Now, fault, node, IsDown: false));
    }

    private static TimeSpan Seconds(double seconds) =>
        TimeSpan.FromTicks((long)Math.Round(Math.Max(0, seconds) * TimeSpan.TicksPerSecond));

    /// <summary>One node's alternating up and down times under one <see cref="NodeCrashFault"/>.</summary>
    private sealed class CrashProcess(FaultInjector injector, NodeCrashFault fault, string node, SimRandom random)
    {
        public void ScheduleFailure(TimeSpan after)
        {
            var delay = after + Seconds(fault.TimeToFailure.Sample(random));
            injector._cluster.Simulation.ScheduleAfter(delay, static p => p.Fail(), this);
        }

        private void Fail()
        {
            injector.Down(fault.Name, node);
            if (fault.TimeToRecover is { } recover)
            {
                injector._cluster.Simulation.ScheduleAfter(Seconds(recover.Sample(random)), static p => p.Recover(), this);
            }
        }

        private void Recover()
        {
            injector.Up(fault.Name, node);
            ScheduleFailure(TimeSpan.Zero);
        }
    }
}

/// <summary>A node going down or coming back because of a fault.</summary>
/// <param name="Time">When.</param>
/// <param name="Fault">The fault's name.</param>
/// <param name="Node">The node.</param>
/// <param name="IsDown">True when the node went down, false when it came back.</param>
public readonly record struct FaultRecord(SimTime Time, string Fault, string Node, bool IsDown);
