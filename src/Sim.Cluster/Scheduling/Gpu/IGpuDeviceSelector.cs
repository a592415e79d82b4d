using Sim.Cluster.Gpu;

namespace Sim.Scheduling.Gpu;

/// <summary>
/// A plugin with its own rule for a pod's GPU devices on the chosen node (as FGD picks the device that
/// least fragments the node). OpenGpuShare asks it at Reserve when its <c>gpuSelMethod</c> names the plugin.
/// </summary>
public interface IGpuDeviceSelector : IPlugin
{
    /// <summary>
    /// Writes the devices for <paramref name="pod"/>'s <paramref name="request"/> on a node in
    /// <paramref name="node"/>'s state (the pod not on it yet) into <paramref name="devices"/>; returns how
    /// many (the request's count), or 0 when it does not fit.
    /// </summary>
    int SelectDevices(PodInfo pod, GpuRequest request, GpuNodeState node, Span<int> devices);
}
