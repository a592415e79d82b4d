namespace Sim.Traces.AlibabaGpu2023;

/// <summary>The QoS class of an openb pod (<c>qos</c>).</summary>
public enum OpenbQos
{
    /// <summary><c>LS</c>: latency-sensitive.</summary>
    LatencySensitive,

    /// <summary><c>BE</c>: best effort.</summary>
    BestEffort,

    /// <summary><c>Burstable</c>.</summary>
    Burstable,

    /// <summary><c>Guaranteed</c>.</summary>
    Guaranteed,
}
