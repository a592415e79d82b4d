namespace Sim.Scheduling.Plugins.PodTopologySpread;

/// <summary>
/// Upstream's <c>criticalPaths</c>: two domains of one constraint, <see cref="First"/> always holding the
/// minimum match count and <see cref="Second"/> one at least as large (not necessarily the second
/// minimum after updates). Two suffice because preemption adds or removes pods on one node at a time,
/// each node on its own copy of the state.
/// </summary>
internal struct CriticalPaths
{
    /// <summary>No domain yet: both paths at <see cref="int.MaxValue"/> with an empty value, as upstream's <c>newCriticalPaths</c>.</summary>
    public static readonly CriticalPaths Initial = new() { First = new(string.Empty, int.MaxValue), Second = new(string.Empty, int.MaxValue) };

    /// <summary>The domain with the fewest matching pods.</summary>
    public CriticalPath First;

    /// <summary>Another domain with at least as many.</summary>
    public CriticalPath Second;

    /// <summary>Records that <paramref name="value"/> now has <paramref name="num"/> matching pods (upstream's <c>update</c>).</summary>
    public void Update(string value, int num)
    {
        if (string.Equals(value, First.TopologyValue, StringComparison.Ordinal))
        {
            First = First with { MatchNum = num };
            SwapIfOutOfOrder();
        }
        else if (string.Equals(value, Second.TopologyValue, StringComparison.Ordinal))
        {
            Second = Second with { MatchNum = num };
            SwapIfOutOfOrder();
        }
        else if (num < First.MatchNum)
        {
            Second = First;
            First = new CriticalPath(value, num);
        }
        else if (num < Second.MatchNum)
        {
            Second = new CriticalPath(value, num);
        }
    }

    /// <inheritdoc />
    public override readonly string ToString() => $"[{First.TopologyValue}:{First.MatchNum}, {Second.TopologyValue}:{Second.MatchNum}]";

    private void SwapIfOutOfOrder()
    {
        if (First.MatchNum > Second.MatchNum)
        {
            (First, Second) = (Second, First);
        }
    }
}
