using Sim.Cluster;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Metrics.Replication;

/// <summary>
/// Measures how well replicated workloads survive faults, observing the API server's writes, the
/// kubelets' reachability and the kube-proxies' views (it never writes): availability and replica
/// deficit per workload, node incidents with their detection and recovery times, pods lost and
/// recreated, Service traffic with its success rate, and the spread of each Service's ready
/// endpoints over nodes and zones. It draws only from the <c>traffic</c> streams, so it changes no
/// other draw and no write of a run. Definitions: docs/replication.md.
/// </summary>
/// <example>
/// <code>
/// var replication = new ReplicationCollector(cluster, new ReplicationOptions { Traffic = [new ServiceTraffic { RatePerSecond = 10 }] });
/// replication.Start();
/// cluster.Simulation.RunUntil(SimTime.FromSeconds(3600));
/// IReadOnlyList&lt;Metric&gt; final = replication.Final();   // ReplicationCollector.FinalNames order
/// </code>
/// </example>
public sealed class ReplicationCollector
{
    private static readonly Action<ReplicationCollector> WindowHandler = static collector => collector.CloseWindow();

    private readonly SimulatedCluster _cluster;
    private readonly WorkloadLedger _ledger = new();
    private readonly SpreadTracker _spread = new();
    private readonly TrafficModel _traffic;
    private readonly List<Sample> _series = [];
    private bool _started;

    /// <summary>A collector for <paramref name="cluster"/>; it measures nothing until <see cref="Start"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the traffic window is not positive or a rate is negative or not finite.</exception>
    public ReplicationCollector(SimulatedCluster cluster, ReplicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.TrafficWindow, TimeSpan.Zero, nameof(options));
        foreach (var rule in options.Traffic)
        {
            if (rule is null || !(rule.RatePerSecond >= 0) || double.IsInfinity(rule.RatePerSecond))
            {
                throw new ArgumentOutOfRangeException(nameof(options), "Every traffic rule needs a finite rate of at least 0.");
            }
        }

        _cluster = cluster;
        Options = options;
        _traffic = new TrafficModel(cluster, options.Traffic);
    }

    /// <summary>The names <see cref="Final"/> returns, in its order (result columns after <see cref="MetricsCollector.FinalNames"/>).</summary>
    public static IReadOnlyList<string> FinalNames { get; } =
    [
        ReplicationMetricNames.AvailabilityMean,
        ReplicationMetricNames.AvailabilityMin,
        ReplicationMetricNames.ReplicaDeficitSeconds,
        ReplicationMetricNames.NodeIncidents,
        ReplicationMetricNames.TimeToDetectMean,
        ReplicationMetricNames.TimeToRecoverMean,
        ReplicationMetricNames.IncidentsUnrecovered,
        ReplicationMetricNames.PodsLost,
        ReplicationMetricNames.PodsRecreated,
        ReplicationMetricNames.Requests,
        ReplicationMetricNames.RequestSuccessRate,
        ReplicationMetricNames.RequestSuccessRateWorstWindow,
        ReplicationMetricNames.ServiceNodesMean,
        ReplicationMetricNames.ServiceZonesMean,
    ];

    /// <summary>The series names, in the order of each window's samples.</summary>
    public static IReadOnlyList<string> SeriesNames { get; } =
        [ReplicationMetricNames.Availability, ReplicationMetricNames.WindowRequests, ReplicationMetricNames.WindowSuccessRate];

    /// <summary>The options.</summary>
    public ReplicationOptions Options { get; }

    /// <summary>The traffic model (for tests).</summary>
    internal TrafficModel Traffic => _traffic;

    /// <summary>At the end of each traffic window: <see cref="SeriesNames"/> (the success rate only for a window with requests).</summary>
    public IReadOnlyList<Sample> Series => _series;

    /// <summary>
    /// Starts measuring at the current simulated time: takes in the objects that exist, observes every
    /// later write and kubelet and kube-proxy change, and closes a traffic window every
    /// <see cref="ReplicationOptions.TrafficWindow"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">When already started.</exception>
    public void Start()
    {
        if (_started)
        {
            throw new InvalidOperationException("The collector is already started.");
        }

        _started = true;
        var now = _cluster.Simulation.Now;
        foreach (var kind in new[] { Node.KindName, Deployment.KindName, ReplicaSet.KindName, ReplicationController.KindName, Service.KindName, Endpoints.KindName, Pod.KindName })
        {
            foreach (var obj in _cluster.Api.List(kind))
            {
                OnWrite(new ApiWrite(null, obj, string.Empty, "existed at start"), now);
            }
        }

        foreach (var kubelet in _cluster.Kubelets.Values.Where(k => k.IsDown || k.IsPartitioned).OrderBy(k => k.NodeName, StringComparer.Ordinal))
        {
            _ledger.OnKubelet(kubelet, now);
            _traffic.OnKubelet(kubelet, now);
        }

        _cluster.Api.Observe(write => OnWrite(write, _cluster.Simulation.Now));
        _cluster.ObserveKubelets(kubelet =>
        {
            var at = _cluster.Simulation.Now;
            _ledger.OnKubelet(kubelet, at);
            _traffic.OnKubelet(kubelet, at);
        });
        _cluster.ObserveProxies((proxy, endpoints) => _traffic.OnProxy(proxy, endpoints, _cluster.Simulation.Now));
        _cluster.Simulation.ScheduleAfter(Options.TrafficWindow, WindowHandler, this);
    }

    /// <summary>The end-of-run values now, in <see cref="FinalNames"/> order; NaN where nothing was measured. May be called more than once.</summary>
    /// <exception cref="InvalidOperationException">When not started.</exception>
    public IReadOnlyList<Metric> Final()
    {
        Advance();
        var workloads = _ledger.All.Where(w => w.AliveSeconds > 0).ToList();
        var hit = _ledger.Incidents.Where(i => i.Hit.Count > 0).ToList();
        var recovered = hit.Where(i => i.RecoveredAt is not null).Select(i => (i.RecoveredAt!.Value - i.Start).TotalSeconds).ToList();
        var spreads = _spread.All.Where(s => s.AliveSeconds > 0).ToList();
        return
        [
            new(ReplicationMetricNames.AvailabilityMean, workloads.Count > 0 ? workloads.Average(w => w.Availability) : double.NaN),
            new(ReplicationMetricNames.AvailabilityMin, workloads.Count > 0 ? workloads.Min(w => w.Availability) : double.NaN),
            new(ReplicationMetricNames.ReplicaDeficitSeconds, _ledger.All.Sum(w => w.DeficitSeconds)),
            new(ReplicationMetricNames.NodeIncidents, _ledger.Incidents.Count),
            new(ReplicationMetricNames.TimeToDetectMean, _ledger.Detections.Count > 0 ? _ledger.Detections.Average() : double.NaN),
            new(ReplicationMetricNames.TimeToRecoverMean, recovered.Count > 0 ? recovered.Average() : double.NaN),
            new(ReplicationMetricNames.IncidentsUnrecovered, hit.Count - recovered.Count),
            new(ReplicationMetricNames.PodsLost, _ledger.PodsLost),
            new(ReplicationMetricNames.PodsRecreated, _ledger.All.Sum(w => w.Recreated)),
            new(ReplicationMetricNames.Requests, _traffic.Requests),
            new(ReplicationMetricNames.RequestSuccessRate, _traffic.Requests > 0 ? (double)_traffic.Successes / _traffic.Requests : double.NaN),
            new(ReplicationMetricNames.RequestSuccessRateWorstWindow, _traffic.WorstWindow ?? double.NaN),
            new(ReplicationMetricNames.ServiceNodesMean, spreads.Count > 0 ? spreads.Average(s => s.NodesMean) : double.NaN),
            new(ReplicationMetricNames.ServiceZonesMean, spreads.Count > 0 ? spreads.Average(s => s.ZonesMean) : double.NaN),
        ];
    }

    /// <summary>Each replicated workload's measures so far, in order of creation.</summary>
    /// <exception cref="InvalidOperationException">When not started.</exception>
    public IReadOnlyList<WorkloadReplication> Workloads()
    {
        Advance();
        return [.. _ledger.All.Select(w => new WorkloadReplication(
            w.Key.Kind, w.Key.Namespace, w.Key.Name, w.AliveSeconds, w.Availability, w.DeficitSeconds, w.PodsCreated, w.Recreated))];
    }

    /// <summary>Each Service's measures so far (spread, and traffic if it has a rate), in order of creation of its endpoints.</summary>
    /// <exception cref="InvalidOperationException">When not started.</exception>
    public IReadOnlyList<ServiceReplication> Services()
    {
        Advance();
        var flows = _traffic.All.ToDictionary(f => f.Key);
        return [.. _spread.All.Select(s =>
        {
            var flow = flows.GetValueOrDefault(s.Key);
            return new ServiceReplication(s.Key.Namespace, s.Key.Name, s.AliveSeconds, s.NodesMean, s.ZonesMean, flow?.Rate ?? 0, flow?.Requests ?? 0, flow?.Successes ?? 0);
        })];
    }

    private void Advance()
    {
        if (!_started)
        {
            throw new InvalidOperationException("The collector is not started; call Start first.");
        }

        var now = _cluster.Simulation.Now;
        _ledger.AdvanceAll(now);
        _spread.AdvanceAll(now);
        _traffic.AdvanceAll(now);
    }

    private void OnWrite(ApiWrite write, SimTime now)
    {
        _ledger.OnWrite(write, now);
        _spread.OnWrite(write, now);
        _traffic.OnWrite(write, now);
    }

    private void CloseWindow()
    {
        var now = _cluster.Simulation.Now;
        var (requests, successes) = _traffic.CloseWindow(now);
        var time = (double)now.Ticks / SimTime.TicksPerSecond;
        _ledger.AdvanceAll(now);
        var live = _ledger.Live.ToList();
        _series.Add(new Sample(time, ReplicationMetricNames.Availability, live.Count > 0 ? live.Average(w => w.Fraction) : double.NaN));
        _series.Add(new Sample(time, ReplicationMetricNames.WindowRequests, requests));
        if (requests > 0)
        {
            _series.Add(new Sample(time, ReplicationMetricNames.WindowSuccessRate, (double)successes / requests));
        }

        _cluster.Simulation.ScheduleAfter(Options.TrafficWindow, WindowHandler, this);
    }
}
