using System.Collections.Immutable;
using System.Globalization;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;

namespace Sim.Cluster.Gpu;

/// <summary>
/// Makes GPU nodes and pods in the representation of docs/gpu.md, e.g. from the rows of a trace such as
/// Alibaba's openb lists: a node's GPUs are its <c>nvidia.com/gpu</c> and its model label; a pod's GPU
/// request is its annotations, and a pod taking whole GPUs also requests them as <c>nvidia.com/gpu</c>.
/// </summary>
public static class GpuObjects
{
    /// <summary>
    /// A node with <paramref name="milliCpu"/>, <paramref name="memoryBytes"/>, room for <paramref name="pods"/>
    /// pods and <paramref name="gpus"/> GPUs of <paramref name="model"/> (as capacity and allocatable); its
    /// hostname label is its name.
    /// </summary>
    public static Node CreateNode(string name, long milliCpu, long memoryBytes, int gpus = 0, string model = "", long pods = 110)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(gpus);
        var resources = ResourceList.Builder().Cpu(milliCpu).Memory(memoryBytes).Pods(pods);
        if (gpus > 0)
        {
            resources.Set(ResourceNames.NvidiaGpu, gpus);
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { [Node.HostnameLabel] = name };
        if (model.Length != 0)
        {
            labels[GpuNode.ModelLabel] = model;
        }

        var list = resources.Build();
        return new Node
        {
            Metadata = new ObjectMeta { Name = name, Labels = labels.ToImmutableSortedDictionary(StringComparer.Ordinal) },
            Status = new NodeStatus { Capacity = list, Allocatable = list },
        };
    }

    /// <summary>
    /// A pod in <paramref name="ns"/> with one container requesting <paramref name="milliCpu"/> and
    /// <paramref name="memoryBytes"/>, and, when <paramref name="gpuCount"/> is above 0, the GPU request
    /// of <see cref="WithGpuRequest"/>.
    /// </summary>
    public static Pod CreatePod(string name, long milliCpu, long memoryBytes, int gpuCount = 0, int gpuMilli = 0, string gpuModels = "", string ns = "default")
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns },
            Spec = new PodSpec { Containers = [new Container("main", ResourceList.Builder().Cpu(milliCpu).Memory(memoryBytes).Build())] },
        };
        return gpuCount == 0 ? pod : pod.WithGpuRequest(gpuCount, gpuMilli, gpuModels);
    }

    /// <summary>
    /// The pod asking for <paramref name="count"/> GPUs of <paramref name="milliPerGpu"/> each, on a model in
    /// <paramref name="models"/> (<c>a|b</c>, empty for any): the <see cref="GpuAnnotations"/>, and for whole
    /// GPUs (1000) also <c>nvidia.com/gpu</c> in its first container's requests, so that the kubelet and
    /// NodeResourcesFit count them.
    /// </summary>
    public static Pod WithGpuRequest(this Pod pod, int count, int milliPerGpu, string models = "")
    {
        ArgumentNullException.ThrowIfNull(pod);
        var annotations = pod.Metadata.Annotations.WithGpuAnnotations(count, milliPerGpu, models);
        var spec = pod.Spec;
        if (milliPerGpu == GpuAnnotations.MilliPerGpu && !spec.Containers.IsDefaultOrEmpty)
        {
            var first = spec.Containers[0];
            var requests = first.Requests.Scalars.SetItem(ResourceNames.NvidiaGpu, count);
            var builder = ResourceList.Builder();
            if (first.Requests.HasCpu)
            {
                builder.Cpu(first.Requests.MilliCpu);
            }

            if (first.Requests.HasMemory)
            {
                builder.Memory(first.Requests.Memory);
            }

            foreach (var (name, amount) in requests)
            {
                builder.Set(name, amount);
            }

            if (first.Requests.EphemeralStorage != 0)
            {
                builder.EphemeralStorage(first.Requests.EphemeralStorage);
            }

            spec = spec with { Containers = spec.Containers.SetItem(0, first with { Requests = builder.Build() }) };
        }

        return pod with { Metadata = pod.Metadata with { Annotations = annotations }, Spec = spec };
    }

    /// <summary>
    /// <paramref name="annotations"/> with the <see cref="GpuAnnotations"/> of a request for
    /// <paramref name="count"/> GPUs of <paramref name="milliPerGpu"/> each on a model in
    /// <paramref name="models"/> (<c>a|b</c>; empty for any, which removes the model annotation): what
    /// <see cref="WithGpuRequest"/> puts on a pod, for a pod template too.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="count"/> is below 1 or <paramref name="milliPerGpu"/> outside 1–1000.</exception>
    public static ImmutableSortedDictionary<string, string> WithGpuAnnotations(this ImmutableSortedDictionary<string, string> annotations, int count, int milliPerGpu, string models = "")
    {
        ArgumentNullException.ThrowIfNull(annotations);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(milliPerGpu, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(milliPerGpu, GpuAnnotations.MilliPerGpu);
        var result = annotations
            .SetItem(GpuAnnotations.Milli, milliPerGpu.ToString(CultureInfo.InvariantCulture))
            .SetItem(GpuAnnotations.Count, count.ToString(CultureInfo.InvariantCulture));
        return models.Length == 0 ? result.Remove(GpuAnnotations.Model) : result.SetItem(GpuAnnotations.Model, models);
    }

    /// <summary>The pod with <see cref="GpuAnnotations.DeviceIndex"/> set to <paramref name="devices"/>.</summary>
    public static Pod WithDevices(this Pod pod, ReadOnlySpan<int> devices)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var annotations = pod.Metadata.Annotations.SetItem(GpuAnnotations.DeviceIndex, GpuDeviceIndex.Format(devices));
        return pod with { Metadata = pod.Metadata with { Annotations = annotations } };
    }
}
