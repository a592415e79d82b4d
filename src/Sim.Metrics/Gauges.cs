namespace Sim.Metrics;

/// <summary>
/// The piecewise-constant quantities the metrics integrate over simulated time, as values at one
/// instant or as integrals (value × seconds).
/// </summary>
internal readonly record struct Gauges(
    double CpuUtilization,
    double MemoryUtilization,
    double GpuUtilization,
    double NodesInUse,
    double NodesLowerBound,
    double PendingPods,
    double UnschedulablePods,
    double CpuStranded,
    double MemoryStranded)
{
    public static Gauges operator +(Gauges a, Gauges b) => new(
        a.CpuUtilization + b.CpuUtilization,
        a.MemoryUtilization + b.MemoryUtilization,
        a.GpuUtilization + b.GpuUtilization,
        a.NodesInUse + b.NodesInUse,
        a.NodesLowerBound + b.NodesLowerBound,
        a.PendingPods + b.PendingPods,
        a.UnschedulablePods + b.UnschedulablePods,
        a.CpuStranded + b.CpuStranded,
        a.MemoryStranded + b.MemoryStranded);

    public static Gauges operator *(Gauges a, double k) => new(
        a.CpuUtilization * k,
        a.MemoryUtilization * k,
        a.GpuUtilization * k,
        a.NodesInUse * k,
        a.NodesLowerBound * k,
        a.PendingPods * k,
        a.UnschedulablePods * k,
        a.CpuStranded * k,
        a.MemoryStranded * k);
}
