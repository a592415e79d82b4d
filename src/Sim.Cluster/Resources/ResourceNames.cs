namespace Sim.Cluster.Resources;

/// <summary>The resource names Kubernetes gives special meaning to.</summary>
public static class ResourceNames
{
    /// <summary>CPU, in cores (held as milli-cores).</summary>
    public const string Cpu = "cpu";

    /// <summary>Memory, in bytes.</summary>
    public const string Memory = "memory";

    /// <summary>Local ephemeral storage, in bytes.</summary>
    public const string EphemeralStorage = "ephemeral-storage";

    /// <summary>How many pods a node accepts.</summary>
    public const string Pods = "pods";

    /// <summary>Whole NVIDIA GPUs, an extended resource.</summary>
    public const string NvidiaGpu = "nvidia.com/gpu";

    /// <summary>The prefix of huge-page resources (<c>hugepages-2Mi</c>), in bytes.</summary>
    public const string HugePagesPrefix = "hugepages-";

    /// <summary>True for a resource Kubernetes treats as an integer count or size rather than CPU.</summary>
    public static bool IsScalar(string name) =>
        name is not (Cpu or Memory or EphemeralStorage or Pods);

    /// <summary>
    /// True for an extended resource: a name with a domain prefix outside <c>kubernetes.io</c>
    /// (e.g. <c>nvidia.com/gpu</c>). Kubernetes requires their amounts to be whole numbers.
    /// </summary>
    public static bool IsExtended(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        var domain = name.AsSpan(0, slash);
        return !(domain.SequenceEqual("kubernetes.io") || domain.EndsWith(".kubernetes.io", StringComparison.Ordinal)
            || domain.SequenceEqual("requests"));
    }
}
