using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;

namespace Sim.Workloads;

/// <summary>
/// One stream of work arriving at the cluster: when items arrive (<see cref="Arrivals"/>, from
/// <see cref="Start"/>, at most <see cref="Count"/>) and what each item is (the derived records).
/// Every draw comes from streams named after <see cref="Name"/>, so the same seed gives every
/// scheduling policy the same arrivals and demands (common random numbers).
/// </summary>
public abstract record WorkloadSpec
{
    /// <summary>
    /// The most pods one workload item may ask for (its replicas, parallelism or completions): a run
    /// with more would not end, and the controllers' arithmetic on counts (a Deployment's replicas plus
    /// its surge) overflows near <see cref="int.MaxValue"/>. The scenario reader refuses constants and
    /// means above it; a draw above it fails the run, naming the workload and the field.
    /// </summary>
    public const int MaxPodsPerItem = 1_000_000;

    /// <summary>Unique within a scenario; names the objects (<c>NAME-INDEX</c>) and the random streams.</summary>
    public required string Name { get; init; }

    /// <summary>When items arrive; all at <see cref="Start"/> by default.</summary>
    public ArrivalProcess Arrivals { get; init; } = ArrivalProcess.AtStart;

    /// <summary>At most this many items; null for no limit (arrivals go on until <see cref="Stop"/> or the end of the run).</summary>
    public int? Count { get; init; }

    /// <summary>The offset from the start of the run of the workload's time zero.</summary>
    public TimeSpan Start { get; init; }

    /// <summary>No arrivals after this offset from the start of the run; null for none.</summary>
    public TimeSpan? Stop { get; init; }

    /// <summary>The namespace its objects are created in.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Priority class of its pods; null for the cluster default.</summary>
    public string? PriorityClassName { get; init; }

    /// <summary>Extra labels on its objects and pods (the workload adds <c>sim.workload=NAME</c> and an item label).</summary>
    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;
}

/// <summary>What one pod of a generated workload asks for and where it may run.</summary>
public sealed record PodShape
{
    /// <summary>Milli-CPU requested per pod (rounded to a whole number, at least 1).</summary>
    public required Distribution Cpu { get; init; }

    /// <summary>Memory bytes requested per pod (rounded, at least 1).</summary>
    public required Distribution Memory { get; init; }

    /// <summary>
    /// GPUs per pod, as docs/gpu.md models GPU pods; null for none. A draw below 1 is a share of one GPU
    /// (0.5: 500 milli-GPU; the GPU policies place it on a device), a draw of 1 or more is that many whole
    /// GPUs (rounded), also requested as <c>nvidia.com/gpu</c>; a draw that rounds to 0 milli-GPU asks for none.
    /// </summary>
    public Distribution? Gpu { get; init; }

    /// <summary>The GPU models the pods may run on (the node label <c>alibabacloud.com/gpu-card-model</c>); empty for any. Only with <see cref="Gpu"/>.</summary>
    public ImmutableArray<string> GpuModels { get; init; } = [];

    /// <summary>Limits as a multiple of requests (1 = Guaranteed when CPU and memory are both set); null for no limits (Burstable).</summary>
    public double? LimitRatio { get; init; }

    /// <summary>The container image; null for none.</summary>
    public string? Image { get; init; }

    /// <summary>Node labels the pod requires.</summary>
    public ImmutableDictionary<string, string> NodeSelector { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Tolerations of the pod.</summary>
    public ImmutableArray<Toleration> Tolerations { get; init; } = [];
}

/// <summary>Long-running services: each arrival is a Deployment (and by default a Service selecting it).</summary>
public sealed record DeploymentWorkload : WorkloadSpec
{
    /// <summary>The pods' shape (drawn once per Deployment).</summary>
    public required PodShape Pod { get; init; }

    /// <summary>Replicas per Deployment (rounded, at least 1).</summary>
    public required Distribution Replicas { get; init; }

    /// <summary>Seconds until the Deployment (and its Service) is deleted; null to keep it to the end of the run.</summary>
    public Distribution? Lifetime { get; init; }

    /// <summary>Whether each Deployment gets a ClusterIP Service selecting its pods.</summary>
    public bool Service { get; init; } = true;

    /// <summary>Adds a zone topology spread constraint (maxSkew 1, ScheduleAnyway) to the pods.</summary>
    public bool SpreadAcrossZones { get; init; }

    /// <summary>A PodDisruptionBudget per Deployment with this <c>minAvailable</c>; null for none.</summary>
    public IntOrPercent? MinAvailable { get; init; }
}

/// <summary>Batch work: each arrival is a Job whose pods run for a drawn time and complete.</summary>
public sealed record JobWorkload : WorkloadSpec
{
    /// <summary>The pods' shape (drawn once per Job).</summary>
    public required PodShape Pod { get; init; }

    /// <summary>Pods running at once (rounded, at least 1).</summary>
    public Distribution Parallelism { get; init; } = Distribution.Constant(1);

    /// <summary>Successful pods needed; null for as many as <see cref="Parallelism"/>.</summary>
    public Distribution? Completions { get; init; }

    /// <summary>Seconds each pod's container runs before it exits successfully (drawn per pod).</summary>
    public required Distribution Duration { get; init; }

    /// <summary>A finished Job and its pods are deleted this long after it finishes (<c>ttlSecondsAfterFinished</c>).</summary>
    public TimeSpan TtlAfterFinished { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>Objects read from Kubernetes manifests, created once at <see cref="WorkloadSpec.Start"/>.</summary>
public sealed record ManifestWorkload : WorkloadSpec
{
    /// <summary>The objects, in file order (namespaces as written).</summary>
    public required ImmutableArray<ApiObject> Objects { get; init; }
}

/// <summary>One batch job of a replayed trace: when it arrives and what each of its instances needs and runs for.</summary>
/// <param name="Arrival">Its arrival, from the workload's start (non-decreasing along the trace).</param>
/// <param name="Instances">Pods, all running at once (the Job's parallelism and completions; at least 1).</param>
/// <param name="MilliCpu">Milli-CPU requested by each pod (at least 1).</param>
/// <param name="MemoryBytes">Memory requested by each pod, in bytes (at least 1).</param>
/// <param name="Duration">How long each pod runs before it exits successfully.</param>
public sealed record TraceJob(TimeSpan Arrival, int Instances, long MilliCpu, long MemoryBytes, TimeSpan Duration);

/// <summary>
/// Batch work replayed from a trace: each <see cref="TraceJob"/> becomes a Job at its arrival time.
/// The jobs are pulled one at a time as the simulation reaches them, so a trace is never held in
/// memory by the driver. <see cref="WorkloadSpec.Arrivals"/> is not used: the trace gives the times.
/// </summary>
public sealed record TraceWorkload : WorkloadSpec
{
    /// <summary>Opens the trace's jobs, in arrival order (called once, when the driver starts).</summary>
    public required Func<IEnumerable<TraceJob>> Jobs { get; init; }

    /// <summary>A finished Job and its pods are deleted this long after it finishes (<c>ttlSecondsAfterFinished</c>).</summary>
    public TimeSpan TtlAfterFinished { get; init; } = TimeSpan.FromSeconds(60);
}
