namespace Sim.Traces.Borg2011;

/// <summary>Why a Google 2011 record was synthesized (the <c>missing info</c> field, 0–2).</summary>
public enum MissingInfo
{
    /// <summary>0: a snapshot showed the task's state but no transition to it was recorded.</summary>
    SnapshotButNoTransition = 0,

    /// <summary>1: neither a snapshot nor a transition was recorded.</summary>
    NoSnapshotOrTransition = 1,

    /// <summary>2: the task existed but its creation was not recorded.</summary>
    ExistsButNoCreation = 2,
}
