namespace Sim.Engine.Processes;

/// <summary>Starts iterator processes on a <see cref="Simulation"/>.</summary>
public static class SimulationProcessExtensions
{
    /// <summary>
    /// Starts <paramref name="body"/> as a process. Its first step runs at the current time, after
    /// the events already due now.
    /// </summary>
    public static Process Start(this Simulation simulation, IEnumerable<ProcessStep> body, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(body);
        return new Process(simulation, body.GetEnumerator(), name ?? "process");
    }
}
