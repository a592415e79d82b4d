namespace Sim.Cluster.Objects;

/// <summary>
/// How a Deployment replaces old pods with new ones: RollingUpdate (the default) with its
/// <c>maxSurge</c> and <c>maxUnavailable</c>, or Recreate.
/// </summary>
public sealed record DeploymentStrategy
{
    /// <summary>
    /// <c>type: Recreate</c>: every old pod is stopped before any new one is created (a downtime, no
    /// mix of versions). False is <c>type: RollingUpdate</c>.
    /// </summary>
    public bool Recreate { get; init; }

    /// <summary>How many pods may exist above the desired count during an update. Default: 25% (rounded up).</summary>
    public IntOrPercent MaxSurge { get; init; } = IntOrPercent.Percent(25);

    /// <summary>How many pods may be unavailable below the desired count during an update. Default: 25% (rounded down).</summary>
    public IntOrPercent MaxUnavailable { get; init; } = IntOrPercent.Percent(25);

    /// <summary>
    /// Both limits for <paramref name="replicas"/> desired pods, as upstream's <c>ResolveFenceposts</c>:
    /// surge rounds up, unavailable rounds down, and if both come to 0, unavailable becomes 1.
    /// </summary>
    public (int MaxSurge, int MaxUnavailable) ResolveFenceposts(int replicas)
    {
        var surge = MaxSurge.Scaled(replicas, roundUp: true);
        var unavailable = MaxUnavailable.Scaled(replicas, roundUp: false);
        if (surge == 0 && unavailable == 0)
        {
            // Upstream: surge might not work due to quota, so allow one pod to be unavailable.
            unavailable = 1;
        }

        return (surge, unavailable);
    }

    /// <summary>The resolved surge for <paramref name="replicas"/> (upstream's <c>MaxSurge</c>).</summary>
    public int ResolveMaxSurge(int replicas) => ResolveFenceposts(replicas).MaxSurge;

    /// <summary>
    /// The resolved unavailability for <paramref name="replicas"/> (upstream's <c>MaxUnavailable</c>):
    /// 0 for 0 replicas, and never more than <paramref name="replicas"/>.
    /// </summary>
    public int ResolveMaxUnavailable(int replicas) =>
        replicas == 0 ? 0 : Math.Min(ResolveFenceposts(replicas).MaxUnavailable, replicas);
}
