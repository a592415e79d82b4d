using System.Collections.Immutable;

namespace Sim.Traces.AlibabaGpu2023;

/// <summary>
/// One pod of an Alibaba GPU 2023 ("openb") pod list, <c>openb_pod_list_*.csv</c>. The multigpu lists
/// have only the first five columns; the rest are then null (or empty for <see cref="GpuSpec"/>).
/// </summary>
/// <param name="Name">The pod name (<c>name</c>, e.g. <c>openb-pod-0000</c>).</param>
/// <param name="MilliCpu">CPU request in milli-cores (<c>cpu_milli</c>).</param>
/// <param name="MemoryMiB">Memory request in MiB (<c>memory_mib</c>); see <see cref="MemoryBytes"/>.</param>
/// <param name="GpuCount">Number of GPUs (<c>num_gpu</c>); 0 for a CPU-only pod.</param>
/// <param name="GpuMilli">
/// GPU request per GPU in milli-GPU (<c>gpu_milli</c>, 1–1000; 0 exactly when <paramref name="GpuCount"/>
/// is 0). Below 1000 only for a GPU-sharing pod, which has one GPU.
/// </param>
/// <param name="GpuSpec">The GPU models the pod may run on (<c>gpu_spec</c>, split at <c>|</c>, as written); empty means any model.</param>
/// <param name="Qos">The QoS class (<c>qos</c>); null when the file has no such column.</param>
/// <param name="Phase">The phase (<c>pod_phase</c>); null when the file has no such column.</param>
/// <param name="CreationTime">When the pod was created, from the trace start (<c>creation_time</c>); null when the file has no such column.</param>
/// <param name="DeletionTime">When it was deleted (<c>deletion_time</c>); null when the file has no such column.</param>
/// <param name="ScheduledTime">When it was scheduled (<c>scheduled_time</c>); null for a Pending pod or when the file has no such column.</param>
public sealed record OpenbPod(
    string Name,
    long MilliCpu,
    long MemoryMiB,
    int GpuCount,
    int GpuMilli,
    ImmutableArray<string> GpuSpec,
    OpenbQos? Qos,
    OpenbPodPhase? Phase,
    TimeSpan? CreationTime,
    TimeSpan? DeletionTime,
    TimeSpan? ScheduledTime)
{
    /// <summary>Bytes in a MiB.</summary>
    public const long BytesPerMiB = 1 << 20;

    /// <summary>Memory request in bytes (MiB × 2^20).</summary>
    public long MemoryBytes => MemoryMiB * BytesPerMiB;

    /// <summary>The whole GPU request in milli-GPU: <see cref="GpuCount"/> × <see cref="GpuMilli"/>.</summary>
    public long TotalGpuMilli => (long)GpuCount * GpuMilli;

    /// <summary>True for a GPU-sharing pod: one GPU, less than all of it.</summary>
    public bool SharesGpu => GpuCount == 1 && GpuMilli < 1000;
}
