using System.Collections.Immutable;
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
        if (tolerations.IsEmpty)
        {
            // The common case: share one array of the two defaults per tolerationSeconds.
            var defaults = tolerationSeconds == CachedSeconds ? CachedDefaults : Defaults(tolerationSeconds);
            return pod with { Spec = pod.Spec with { Tolerations = defaults } };
        }

        var notReady = Tolerates(tolerations, NotReady);
        var unreachable = Tolerates(tolerations, Unreachable);
        if (notReady && unreachable)
        {
            return pod;
        }

        var builder = tolerations.ToBuilder();
        if (!notReady)
        {
            builder.Add(new Toleration(Taint.NotReadyKey, TolerationOperator.Exists, Effect: TaintEffect.NoExecute, TolerationSeconds: tolerationSeconds));
        }

        if (!unreachable)
        {
            builder.Add(new Toleration(Taint.UnreachableKey, TolerationOperator.Exists, Effect: TaintEffect.NoExecute, TolerationSeconds: tolerationSeconds));
        }

        return pod with { Spec = pod.Spec with { Tolerations = builder.ToImmutable() } };
    }

    private const long CachedSeconds = 300;
    private static readonly ImmutableArray<Toleration> CachedDefaults = Defaults(CachedSeconds);
    private static readonly Taint NotReady = new(Taint.NotReadyKey, string.Empty, TaintEffect.NoExecute);
    private static readonly Taint Unreachable = new(Taint.UnreachableKey, string.Empty, TaintEffect.NoExecute);

    private static ImmutableArray<Toleration> Defaults(long seconds) =>
    [
        new Toleration(Taint.NotReadyKey, TolerationOperator.Exists, Effect: TaintEffect.NoExecute, TolerationSeconds: seconds),
        new Toleration(Taint.UnreachableKey, TolerationOperator.Exists, Effect: TaintEffect.NoExecute, TolerationSeconds: seconds),
    ];

    private static bool Tolerates(ImmutableArray<Toleration> tolerations, Taint taint)
    {
        foreach (var toleration in tolerations)
        {
            if (toleration.Tolerates(taint))
            {
                return true;
            }
        }

        return false;
    }
}
