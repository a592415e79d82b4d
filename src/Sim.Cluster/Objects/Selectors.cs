using System.Collections.Immutable;

namespace Sim.Cluster.Objects;

/// <summary>Equality-based selection, as ReplicationControllers and Services use it.</summary>
public static class Selectors
{
    /// <summary>True when <paramref name="labels"/> has every key of <paramref name="selector"/> with the same value (an empty selector matches everything).</summary>
    public static bool Matches(ImmutableSortedDictionary<string, string> selector, ImmutableSortedDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var (key, value) in selector)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }
}
