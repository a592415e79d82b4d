namespace Sim.Traces.Alibaba2018;

/// <summary>
/// One row of Alibaba cluster-trace-v2018's <c>container_meta.csv</c>: a container's placement and
/// requests at a point in time (a container has a row per status change).
/// </summary>
/// <param name="ContainerId">The container (<c>c_1</c>).</param>
/// <param name="MachineId">Its host machine (<c>m_2556</c>).</param>
/// <param name="Time">When, from the trace start; 0 means before or after the 8-day span.</param>
/// <param name="DeployUnit">The application group (<c>app_du</c>, e.g. <c>app_5052</c>); containers of one deploy unit provide one service.</param>
/// <param name="Status">
/// The container's status at <paramref name="Time"/> as written (e.g. <c>started</c>); the published
/// schema does not list the values, so it is kept as text.
/// </param>
/// <param name="CpuRequest">Planned CPU request, 100 = one core; see <see cref="MilliCpuRequest"/>.</param>
/// <param name="CpuLimit">Planned CPU limit, 100 = one core; see <see cref="MilliCpuLimit"/>.</param>
/// <param name="NormalizedMemory">
/// Planned memory, normalized to the largest machine's (0 to 100); null where the trace marks the value
/// invalid (−1 or 101).
/// </param>
public sealed record ContainerMeta(
    string ContainerId,
    string MachineId,
    TimeSpan Time,
    string DeployUnit,
    string Status,
    long CpuRequest,
    long CpuLimit,
    double? NormalizedMemory)
{
    /// <summary>The CPU request in milli-cores (ten times <see cref="CpuRequest"/>).</summary>
    public long MilliCpuRequest => CpuRequest * 10;

    /// <summary>The CPU limit in milli-cores (ten times <see cref="CpuLimit"/>).</summary>
    public long MilliCpuLimit => CpuLimit * 10;
}
