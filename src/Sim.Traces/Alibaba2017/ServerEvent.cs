namespace Sim.Traces.Alibaba2017;

/// <summary>One row of Alibaba cluster-trace-v2017's <c>server_event.csv</c>: a machine's event and capacities.</summary>
/// <param name="Time">When, from the trace start; 0 means before the trace.</param>
/// <param name="MachineId">The machine, a number unique in the trace.</param>
/// <param name="Type">What happened.</param>
/// <param name="Detail">Why, for errors (<c>machine_fail</c>, <c>agent_check</c>, …); null when empty.</param>
/// <param name="Cpus">CPU cores (not normalized); null when empty. Error rows carry 0.</param>
/// <param name="NormalizedMemory">Memory as a fraction of the largest machine's (0 to 1); null when empty.</param>
/// <param name="NormalizedDisk">Disk as a fraction of the largest machine's (0 to 1); null when empty.</param>
public sealed record ServerEvent(
    TimeSpan Time,
    long MachineId,
    ServerEventType Type,
    string? Detail,
    int? Cpus,
    double? NormalizedMemory,
    double? NormalizedDisk);
