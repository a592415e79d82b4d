namespace Sim.Engine;

/// <summary>Why a run call returned.</summary>
public enum StopReason
{
    /// <summary>No event is left to run.</summary>
    Idle,

    /// <summary>The next event is later than the requested end time; the clock was advanced to that end time.</summary>
    TimeReached,

    /// <summary>The requested number of events has run.</summary>
    EventLimitReached,

    /// <summary>A handler called <see cref="Simulation.Stop"/>.</summary>
    StopRequested,
}
