using System.Collections.Immutable;
using System.Globalization;
using Sim.Cluster;
using Sim.Cluster.Gpu;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;

namespace Sim.Workloads;

/// <summary>Turns a <see cref="PodShape"/> and one item's draws into the pods' labels, container and spec.</summary>
internal static class PodTemplates
{
    /// <summary>The name of the one container of a generated pod.</summary>
    public const string ContainerName = "main";

    /// <summary>The largest amount drawn (2^53): beyond it a double no longer holds every whole number.</summary>
    private const double MaxAmount = 9_007_199_254_740_992;

    private static readonly ImmutableSortedDictionary<string, string> NoAnnotations = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Draws one pod's demands from <paramref name="random"/>, in a fixed order (CPU, memory, then
    /// GPUs if the shape has them), so the draws never depend on anything else: its container, and its
    /// GPU annotations (empty without GPUs) as docs/gpu.md models a GPU pod (see <see cref="Gpus"/>).
    /// </summary>
    public static (Container Container, ImmutableSortedDictionary<string, string> Annotations) Draw(PodShape shape, Random random)
    {
        var cpu = WholeAtLeastOne(shape.Cpu.Sample(random));
        var memory = WholeAtLeastOne(shape.Memory.Sample(random));
        var (gpuCount, gpuMilli) = shape.Gpu is { } gpu ? Gpus(gpu.Sample(random)) : (0, 0);
        var wholeGpus = gpuMilli == GpuAnnotations.MilliPerGpu ? gpuCount : 0;
        var requests = ResourceList.Builder().Cpu(cpu).Memory(memory);
        if (wholeGpus > 0)
        {
            requests.Set(ResourceNames.NvidiaGpu, wholeGpus);
        }

        ResourceList? limits = null;
        if (shape.LimitRatio is { } ratio)
        {
            var builder = ResourceList.Builder().Cpu(Math.Max(cpu, Whole(cpu * ratio))).Memory(Math.Max(memory, Whole(memory * ratio)));
            limits = (wholeGpus > 0 ? builder.Set(ResourceNames.NvidiaGpu, wholeGpus) : builder).Build();
        }
        else if (wholeGpus > 0)
        {
            // Extended resources cannot be overcommitted: their limit is always the request.
            limits = ResourceList.Builder().Set(ResourceNames.NvidiaGpu, wholeGpus).Build();
        }

        var annotations = gpuCount == 0
            ? NoAnnotations
            : NoAnnotations.WithGpuAnnotations(gpuCount, gpuMilli, shape.GpuModels.IsDefaultOrEmpty ? string.Empty : string.Join('|', shape.GpuModels));
        return (new Container(ContainerName, requests.Build(), limits, shape.Image), annotations);
    }

    /// <summary>
    /// A drawn number of GPUs as a GPU request (count, milli-GPU per GPU): below one GPU a share of one
    /// GPU of <c>round(gpus × 1000)</c> milli-GPU (none when that is 0); from one GPU,
    /// <c>round(gpus)</c> whole GPUs (1000 milli-GPU each), as the FGD model allows no other request.
    /// </summary>
    public static (int Count, int MilliPerGpu) Gpus(double gpus)
    {
        var milli = Whole(gpus * GpuAnnotations.MilliPerGpu);
        if (milli == 0)
        {
            return (0, 0);
        }

        return milli < GpuAnnotations.MilliPerGpu
            ? (1, (int)milli)
            : ((int)Math.Min(int.MaxValue, Math.Max(1, Whole(gpus))), GpuAnnotations.MilliPerGpu);
    }

    /// <summary>The pods' template: the item's labels, the drawn GPU annotations and the spec.</summary>
    public static PodTemplate Template(ImmutableSortedDictionary<string, string> labels, ImmutableSortedDictionary<string, string> annotations, PodSpec spec) =>
        new() { Labels = labels, Annotations = annotations, Spec = spec };

    /// <summary>The item's labels: the workload's extra labels, <c>sim.workload=NAME</c> and <c>app=NAME-i</c>.</summary>
    public static ImmutableSortedDictionary<string, string> Labels(WorkloadSpec spec, string itemName) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, spec.Labels)
            .SetItem(WorkloadDriver.WorkloadLabel, spec.Name)
            .SetItem(WorkloadDriver.ItemLabel, itemName);

    /// <summary>The pods' spec: the container, the shape's placement rules and the workload's priority class.</summary>
    public static PodSpec Spec(WorkloadSpec spec, PodShape shape, Container container, RestartPolicy restartPolicy) => new()
    {
        Containers = [container],
        RestartPolicy = restartPolicy,
        PriorityClassName = spec.PriorityClassName ?? string.Empty,
        NodeSelector = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, shape.NodeSelector),
        Tolerations = shape.Tolerations.IsDefault ? [] : shape.Tolerations,
    };

    /// <summary>A number of seconds as a duration (negative draws become zero).</summary>
    public static TimeSpan Seconds(double seconds) =>
        seconds > 0 ? TimeSpan.FromTicks((long)Math.Round(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2) * TimeSpan.TicksPerSecond)) : TimeSpan.Zero;

    /// <summary>A Job's <c>ttlSecondsAfterFinished</c>: whole seconds, not negative, within an int.</summary>
    public static int TtlSeconds(TimeSpan ttl) => (int)Math.Min(int.MaxValue, Math.Round(Math.Max(0, ttl.TotalSeconds)));

    /// <summary>A draw rounded to a whole number, at least 1 (a replica count, a request).</summary>
    public static long WholeAtLeastOne(double value) => Math.Max(1, Whole(value));

    /// <summary>A drawn count of pods (at least 1); beyond <see cref="WorkloadSpec.MaxPodsPerItem"/> the run fails with a message naming <paramref name="workload"/> and <paramref name="field"/>.</summary>
    public static int PodCount(double drawn, string workload, string field)
    {
        var count = WholeAtLeastOne(drawn);
        return count <= WorkloadSpec.MaxPodsPerItem
            ? (int)count
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Workload '{workload}': {field} drew {drawn:G6}, more than the {WorkloadSpec.MaxPodsPerItem} pods one workload item may have."));
    }

    /// <summary>A draw rounded to a whole number, at least 0.</summary>
    public static long Whole(double value) => value > 0 ? (long)Math.Round(Math.Min(value, MaxAmount)) : 0;
}
