namespace Sim.Cluster.Objects;

/// <summary>A pod's toleration of node taints, matched as Kubernetes' <c>Toleration.ToleratesTaint</c> does.</summary>
/// <param name="Key">The taint key; empty with <see cref="TolerationOperator.Exists"/> matches every key.</param>
/// <param name="Operator">How the value is matched.</param>
/// <param name="Value">The value for <see cref="TolerationOperator.Equal"/>.</param>
/// <param name="Effect">The effect to tolerate; null tolerates every effect.</param>
/// <param name="TolerationSeconds">For NoExecute: how long the pod stays after the taint appears; null is forever.</param>
public sealed record Toleration(
    string Key = "",
    TolerationOperator Operator = TolerationOperator.Equal,
    string Value = "",
    TaintEffect? Effect = null,
    long? TolerationSeconds = null)
{
    /// <summary>True when this toleration tolerates <paramref name="taint"/>.</summary>
    public bool Tolerates(Taint taint)
    {
        ArgumentNullException.ThrowIfNull(taint);
        if (Effect is { } effect && effect != taint.Effect)
        {
            return false;
        }

        if (Key.Length != 0 && Key != taint.Key)
        {
            return false;
        }

        return Operator switch
        {
            TolerationOperator.Exists => true,
            _ => Value == taint.Value,
        };
    }
}
