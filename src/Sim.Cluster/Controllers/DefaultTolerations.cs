using Sim.Cluster.Objects;

namespace Sim.Cluster.Controllers;

/// <summary>
/// The DefaultTolerationSeconds admission plugin: every new pod that does not already tolerate the
/// not-ready and unreachable NoExecute taints gets <c>Exists</c> tolerations for them with
/// <c>tolerationSeconds</c> (300 by default), so pods leave a dead node five minutes after it is noticed.
/// </summary>
public static class DefaultTolerations
{
    /// <summary>The pod with the default tolerations added where missing.</summary>
    public static Pod Add(Pod pod, long tolerationSeconds)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var tolerations = pod.Spec.Tolerations;
        foreach (var key in new[] { Taint.NotReadyKey, Taint.UnreachableKey })
        {
            var probe = new Taint(key, string.Empty, TaintEffect.NoExecute);
            if (!tolerations.Any(t => t.Tolerates(probe)))
            {
                tolerations = tolerations.Add(new Toleration(key, TolerationOperator.Exists, Effect: TaintEffect.NoExecute, TolerationSeconds: tolerationSeconds));
            }
        }

        return tolerations == pod.Spec.Tolerations ? pod : pod with { Spec = pod.Spec with { Tolerations = tolerations } };
    }
}
