using System.Collections.Immutable;
using System.Globalization;
using Sim.Cluster;
using Sim.Cluster.Labels;

namespace Sim.Workloads;

/// <summary>
/// Feeds workloads to a simulated cluster: from <see cref="Start"/> on, each workload's items arrive
/// as its arrival process says and are created through the API server, as a user or a CI system
/// would create them.
/// </summary>
/// <remarks>
/// <para>
/// Every draw comes from the workload's own streams under <c>workloads/NAME</c>: arrival times from
/// <c>arrivals</c>, each item's demands (shape, replicas, lifetime, parallelism, completions) from
/// <c>items</c> in arrival order, and the run times of Job i's pods from <c>durations</c> index i in
/// the order the Job creates them. None depends on the cluster's state, so the same seed gives every
/// scheduling policy the same arrivals and the same demands (common random numbers).
/// </para>
/// <para>
/// Item i of workload NAME is named <c>NAME-i</c> (i from 0) and labelled <see cref="WorkloadLabel"/>=NAME
/// and <see cref="ItemLabel"/>=NAME-i, besides the workload's own labels. A
/// <see cref="DeploymentWorkload"/> item is a Deployment (RollingUpdate defaults) selecting
/// <c>app=NAME-i</c>, with a ClusterIP Service (port 80) and a PodDisruptionBudget of the same name
/// when asked for, and with a zone topology spread constraint (maxSkew 1,
/// <c>topology.kubernetes.io/zone</c>, ScheduleAnyway) when <see cref="DeploymentWorkload.SpreadAcrossZones"/>;
/// after its lifetime the Deployment, Service and budget are deleted (the garbage collector takes
/// the ReplicaSets and pods). A <see cref="JobWorkload"/> item is a Job with the drawn parallelism
/// and completions, <c>ttlSecondsAfterFinished</c> from <see cref="JobWorkload.TtlAfterFinished"/>
/// (whole seconds), and pods with restartPolicy Never whose container runs for a time drawn per pod:
/// an admission step the driver installs (as a mutating webhook would) sets each new pod's
/// <see cref="Container.RunFor"/>. A <see cref="ManifestWorkload"/> creates its objects (not its
/// Nodes) in order at its start, as one arrival.
/// </para>
/// </remarks>
public sealed class WorkloadDriver
{
    /// <summary>The label naming the workload an object belongs to.</summary>
    public const string WorkloadLabel = "sim.workload";

    /// <summary>The label naming the item (<c>NAME-i</c>) an object belongs to; Deployments, Services and budgets select it.</summary>
    public const string ItemLabel = "app";

    private readonly SimulatedCluster _cluster;
    private readonly ImmutableArray<WorkloadSpec> _workloads;
    private readonly List<string> _failures = [];
    private bool _started;
    private int _arriving;

    /// <summary>A driver for <paramref name="workloads"/> on <paramref name="cluster"/>; nothing happens until <see cref="Start"/>.</summary>
    /// <exception cref="ArgumentException">
    /// When two workloads share a name, a name cannot name objects, a workload arriving all at start
    /// has no <see cref="WorkloadSpec.Count"/>, a limit ratio is below 1, or GPU models are given without
    /// GPUs or are empty or contain <c>|</c>.
    /// </exception>
    public WorkloadDriver(SimulatedCluster cluster, IEnumerable<WorkloadSpec> workloads)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(workloads);
        _cluster = cluster;
        _workloads = [.. workloads];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var workload in _workloads)
        {
            ArgumentNullException.ThrowIfNull(workload, nameof(workloads));
            Validate(workload);
            if (!names.Add(workload.Name))
            {
                throw new ArgumentException($"Two workloads are named '{workload.Name}'.", nameof(workloads));
            }
        }
    }

    /// <summary>Items arrived so far, all workloads (a manifest workload is one item).</summary>
    public long Arrivals { get; private set; }

    /// <summary>
    /// Pods the created items ask for, all workloads: each Deployment's replicas, each Job's
    /// completions; for manifests, a pod each, a controller's replicas, a Job's completions (else its
    /// parallelism). Replacements and restarts are not counted.
    /// </summary>
    public long PodsRequested { get; private set; }

    /// <summary>
    /// True once started and every workload has had its last arrival: its <see cref="WorkloadSpec.Count"/>
    /// reached, its arrival process or trace ended, or its next arrival past its <see cref="WorkloadSpec.Stop"/>
    /// (known when the previous one arrives); a manifest workload once it has created its objects. A
    /// generated workload with none of these never finishes arriving.
    /// </summary>
    public bool ArrivalsOver => _started && _arriving == 0;

    /// <summary>Every refused creation so far, in order: the time, the workload and the API server's message.</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Gives generated Jobs' pods their run times.</summary>
    internal JobRunTimes RunTimes { get; } = new();

    /// <summary>Called when <see cref="ArrivalsOver"/> becomes true (a <see cref="StopWatcher"/> listens).</summary>
    internal Action? OnArrivalsOver { get; set; }

    /// <summary>Schedules every workload's arrivals from the cluster's current time; call once.</summary>
    /// <exception cref="InvalidOperationException">When called a second time.</exception>
    public void Start()
    {
        if (_started)
        {
            throw new InvalidOperationException("The workload driver has already started.");
        }

        _started = true;
        if (_workloads.Any(w => w is JobWorkload))
        {
            RunTimes.Install(_cluster.Api);
        }

        var origin = _cluster.Simulation.Now;
        _arriving = _workloads.Length;
        foreach (var workload in _workloads)
        {
            WorkloadRun run = workload switch
            {
                DeploymentWorkload deployments => new DeploymentRun(this, _cluster, deployments),
                JobWorkload jobs => new JobRun(this, _cluster, jobs),
                ManifestWorkload manifest => new ManifestRun(this, _cluster, manifest),
                TraceWorkload trace => new TraceRun(this, _cluster, trace),
                _ => throw new NotSupportedException($"Workload '{workload.Name}' is a {workload.GetType().Name}, which the driver does not know."),
            };
            run.Start(origin);
        }
    }

    internal void RecordArrival() => Arrivals++;

    internal void RecordPods(long pods) => PodsRequested += pods;

    internal void RecordFailure(string message) => _failures.Add(message);

    /// <summary>One workload has had its last arrival.</summary>
    internal void RecordArrivalsOver()
    {
        if (--_arriving == 0)
        {
            OnArrivalsOver?.Invoke();
        }
    }

    private static void Validate(WorkloadSpec workload)
    {
        var name = workload.Name;

        // The longest item name must still be a valid object name and label value.
        var longest = string.Create(CultureInfo.InvariantCulture, $"{name}-{int.MaxValue}");
        if (string.IsNullOrEmpty(name) || !LabelValidation.IsValidValue(longest, out _) || !IsDnsLabel(name))
        {
            throw new ArgumentException($"Workload name '{name}' must be lower-case letters, digits and '-', start and end with a letter or digit, and be at most 52 characters.", nameof(workload));
        }

        if (workload.Count < 0)
        {
            throw new ArgumentException($"Workload '{name}' has a negative Count.", nameof(workload));
        }

        if (workload is not (ManifestWorkload or TraceWorkload) && workload.Count is null && workload.Arrivals == ArrivalProcess.AtStart)
        {
            throw new ArgumentException($"Workload '{name}' arrives all at its start with no Count: it would never stop arriving.", nameof(workload));
        }

        var shape = workload switch
        {
            DeploymentWorkload deployments => deployments.Pod,
            JobWorkload jobs => jobs.Pod,
            _ => null,
        };
        if (shape?.LimitRatio is < 1)
        {
            throw new ArgumentException($"Workload '{name}' has a limit ratio below 1: limits would be below requests.", nameof(workload));
        }

        if (shape is { GpuModels.IsDefaultOrEmpty: false } && (shape.Gpu is null || shape.GpuModels.Any(m => string.IsNullOrEmpty(m) || m.Contains('|', StringComparison.Ordinal))))
        {
            throw new ArgumentException($"Workload '{name}' has GPU models without GPUs, or an empty model or one with '|'.", nameof(workload));
        }
    }

    private static bool IsDnsLabel(string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        return name[0] != '-' && name[^1] != '-';
    }
}
