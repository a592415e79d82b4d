namespace Sim.Traces.Alibaba2017;

/// <summary>The kind of a machine event in Alibaba 2017's <c>server_event.csv</c>.</summary>
public enum ServerEventType
{
    /// <summary><c>add</c>: the machine became available (every machine has one, at time 0).</summary>
    Add,

    /// <summary><c>softerror</c>: the machine is temporarily unavailable through a software failure; place nothing new on it.</summary>
    SoftError,

    /// <summary><c>harderror</c>: the machine is unavailable through a hardware failure.</summary>
    HardError,

    /// <summary><c>remove</c>: the machine left the cluster (not among the types the 2017 documentation lists, but the machine-event schema it follows has it).</summary>
    Remove,
}
