using System.Collections.Immutable;
using Sim.Cluster;
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

    /// <summary>
    /// Draws one pod's demands from <paramref name="random"/>, in a fixed order (CPU, memory, then
    /// GPUs if the shape has them), so the draws never depend on anything else.
    /// </summary>
    public static Container DrawContainer(PodShape shape, Random random)
    {
        var cpu = WholeAtLeastOne(shape.Cpu.Sample(random));
        var memory = WholeAtLeastOne(shape.Memory.Sample(random));
        var gpus = shape.Gpu is { } gpu ? Whole(gpu.Sample(random)) : 0;
        var requests = ResourceList.Builder().Cpu(cpu).Memory(memory);
        if (gpus > 0)
        {
            requests.Set(ResourceNames.NvidiaGpu, gpus);
        }

        ResourceList? limits = null;
        if (shape.LimitRatio is { } ratio)
        {
            var builder = ResourceList.Builder().Cpu(Math.Max(cpu, Whole(cpu * ratio))).Memory(Math.Max(memory, Whole(memory * ratio)));
            limits = (gpus > 0 ? builder.Set(ResourceNames.NvidiaGpu, gpus) : builder).Build();
        }
        else if (gpus > 0)
        {
            // Extended resources cannot be overcommitted: their limit is always the request.
            limits = ResourceList.Builder().Set(ResourceNames.NvidiaGpu, gpus).Build();
        }

        return new Container(ContainerName, requests.Build(), limits, shape.Image);
    }

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

    /// <summary>A draw rounded to a whole number, at least 1 (a replica count, a request).</summary>
    /// <summary>A Job's <c>ttlSecondsAfterFinished</c>: whole seconds, not negative, within an int.</summary>
    public static int TtlSeconds(TimeSpan ttl) => (int)Math.Min(int.MaxValue, Math.Round(Math.Max(0, ttl.TotalSeconds)));

    public static long WholeAtLeastOne(double value) => Math.Max(1, Whole(value));

    /// <summary>A draw rounded to a whole number, at least 0.</summary>
    public static long Whole(double value) => value > 0 ? (long)Math.Round(Math.Min(value, MaxAmount)) : 0;
}
