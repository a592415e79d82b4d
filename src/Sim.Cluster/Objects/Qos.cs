namespace Sim.Cluster.Objects;

/// <summary>
/// Kubernetes' QoS classification (<c>ComputePodQOS</c>) over CPU and memory, with the API server's
/// defaulting of a missing request to its limit applied first: BestEffort when no container (init
/// containers included) has a positive CPU or memory request or limit; Guaranteed when every
/// container has positive CPU and memory limits and the pod's summed requests equal its summed
/// limits for each of them; Burstable otherwise.
/// </summary>
public static class Qos
{
    /// <summary>The class of a pod with <paramref name="spec"/>.</summary>
    public static QosClass Of(PodSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        long cpuRequests = 0, memoryRequests = 0, cpuLimits = 0, memoryLimits = 0;
        var guaranteed = true;
        foreach (var container in spec.Containers.Concat(spec.InitContainers))
        {
            var limits = container.LimitsOrEmpty;
            var requests = container.Requests;
            var cpuLimit = limits.HasCpu ? limits.MilliCpu : 0;
            var memoryLimit = limits.HasMemory ? limits.Memory : 0;
            var cpuRequest = requests.HasCpu ? requests.MilliCpu : cpuLimit; // defaulted to the limit
            var memoryRequest = requests.HasMemory ? requests.Memory : memoryLimit;
            cpuRequests += Math.Max(cpuRequest, 0);
            memoryRequests += Math.Max(memoryRequest, 0);
            cpuLimits += cpuLimit;
            memoryLimits += memoryLimit;
            guaranteed &= cpuLimit > 0 && memoryLimit > 0;
        }

        if (cpuRequests == 0 && memoryRequests == 0 && cpuLimits == 0 && memoryLimits == 0)
        {
            return QosClass.BestEffort;
        }

        return guaranteed && cpuRequests == cpuLimits && memoryRequests == memoryLimits
            ? QosClass.Guaranteed
            : QosClass.Burstable;
    }
}
