namespace Sim.Cluster.Resources;

/// <summary>How a <see cref="Quantity"/> prints, remembered from the suffix it was written with (as in Kubernetes).</summary>
public enum QuantityFormat
{
    /// <summary>Powers of ten with SI suffixes: n, u, m, (none), k, M, G, T, P, E.</summary>
    DecimalSI,

    /// <summary>Powers of two: Ki, Mi, Gi, Ti, Pi, Ei.</summary>
    BinarySI,

    /// <summary>Scientific notation: 1e3, 5e-3.</summary>
    DecimalExponent,
}
