using System.Collections.Immutable;
using Sim.Traces.Csv;

namespace Sim.Traces.AlibabaGpu2023;

/// <summary>
/// Decodes pod-list rows; the header is required, columns are found by name, and the last six columns
/// may be absent (the multigpu lists).
/// </summary>
internal readonly struct OpenbPodDecoder : ITraceDecoder<OpenbPod>
{
    private const int Name = 0;
    private const int Cpu = 1;
    private const int Memory = 2;
    private const int Gpus = 3;
    private const int GpuMilli = 4;
    private const int GpuSpec = 5;
    private const int Qos = 6;
    private const int Phase = 7;
    private const int Creation = 8;
    private const int Deletion = 9;
    private const int Scheduled = 10;

    public static TraceSchema Schema { get; } = new(
        "an openb pod list",
        ["name", "cpu_milli", "memory_mib", "num_gpu", "gpu_milli", "gpu_spec", "qos", "pod_phase", "creation_time", "deletion_time", "scheduled_time"],
        TraceHeader.Required,
        RequiredCount: 5);

    private static EnumSpellings<OpenbQos> QosClasses { get; } = new(
        ("LS", OpenbQos.LatencySensitive),
        ("BE", OpenbQos.BestEffort),
        ("Burstable", OpenbQos.Burstable),
        ("Guaranteed", OpenbQos.Guaranteed));

    private static EnumSpellings<OpenbPodPhase> Phases { get; } = new(
        ("Pending", OpenbPodPhase.Pending),
        ("Running", OpenbPodPhase.Running),
        ("Succeeded", OpenbPodPhase.Succeeded),
        ("Failed", OpenbPodPhase.Failed));

    public static OpenbPod Decode<TRow>(scoped ref TRow row)
        where TRow : ITraceRow, allows ref struct
    {
        var layout = row.Layout;
        var name = RowFields.Name(ref row, Name, "a pod name");
        var cpu = RowFields.Int64(ref row, Cpu, 0, long.MaxValue, "CPU request in milli-cores");
        var memory = RowFields.Int64(ref row, Memory, 0, OpenbNodeDecoder.MaxMiB, "memory request in MiB");
        var gpus = (int)RowFields.Int64(ref row, Gpus, 0, int.MaxValue, "number of GPUs");
        var gpuMilli = (int)RowFields.Int64(ref row, GpuMilli, 0, 1000, "milli-GPU per GPU");
        if ((gpus == 0) != (gpuMilli == 0))
        {
            throw RowFields.Error(ref row, GpuMilli, gpus == 0
                ? $"a pod without GPUs asks for 0 milli-GPU, got {gpuMilli}"
                : "a pod with GPUs asks for 1 to 1000 milli-GPU per GPU, got 0");
        }

        if (gpuMilli < 1000 && gpus > 1)
        {
            throw RowFields.Error(ref row, GpuMilli, $"only a pod with one GPU may share it (ask for less than 1000 milli-GPU); this pod has {gpus} GPUs and asks for {gpuMilli}");
        }

        var spec = layout.Has(GpuSpec) ? Models(ref row) : [];
        var qos = layout.Has(Qos) ? RowFields.Enum(ref row, Qos, QosClasses, "a QoS class") : (OpenbQos?)null;
        var phase = layout.Has(Phase) ? RowFields.Enum(ref row, Phase, Phases, "a pod phase") : (OpenbPodPhase?)null;
        var creation = layout.Has(Creation) ? TraceTime.Seconds(ref row, Creation, 0) : (TimeSpan?)null;
        var deletion = layout.Has(Deletion) ? TraceTime.Seconds(ref row, Deletion, 0) : (TimeSpan?)null;
        TimeSpan? scheduled = null;
        if (layout.Has(Scheduled))
        {
            if (!RowFields.Text(ref row, Scheduled).IsEmpty)
            {
                scheduled = TraceTime.Seconds(ref row, Scheduled, 0);
            }
            else if (phase != OpenbPodPhase.Pending)
            {
                throw RowFields.Error(ref row, Scheduled, "expected seconds from the trace start (only a Pending pod has no scheduled time), got an empty field");
            }
        }

        return new OpenbPod(name, cpu, memory, gpus, gpuMilli, spec, qos, phase, creation, deletion, scheduled);
    }

    private static ImmutableArray<string> Models<TRow>(scoped ref TRow row)
        where TRow : ITraceRow, allows ref struct
    {
        var text = RowFields.Text(ref row, GpuSpec);
        if (text.IsEmpty)
        {
            return [];
        }

        var models = ImmutableArray.CreateBuilder<string>();
        foreach (var range in text.Split('|'))
        {
            var model = text[range];
            if (!RowFields.IsName(model))
            {
                throw RowFields.Error(ref row, GpuSpec, $"expected GPU models separated by '|' (e.g. V100M16|V100M32), got {RowFields.Describe(text, outOfRange: false)}");
            }

            models.Add(model.ToString());
        }

        return models.ToImmutable();
    }
}
