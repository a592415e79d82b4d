namespace Sim.Cluster.Objects;

/// <summary>How a toleration matches a taint's value.</summary>
public enum TolerationOperator
{
    /// <summary>The values must be equal (the default).</summary>
    Equal,

    /// <summary>Any value; with an empty key, any taint.</summary>
    Exists,
}
