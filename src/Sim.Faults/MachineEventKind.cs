namespace Sim.Faults;

/// <summary>What happened to a trace's machine.</summary>
public enum MachineEventKind
{
    /// <summary>The machine joined (or rejoined) the cluster: it is up.</summary>
    Add,

    /// <summary>The machine became unavailable through a software failure.</summary>
    SoftError,

    /// <summary>The machine became unavailable through a hardware failure.</summary>
    HardError,

    /// <summary>The machine left the cluster: down until it is added again.</summary>
    Remove,
}
