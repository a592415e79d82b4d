using System.Runtime.InteropServices;
using Sim.Cluster.Objects;
using Sim.Scheduling.Plugins.NodeAffinity;

namespace Sim.Scheduling.Plugins.PodTopologySpread;

/// <summary>
/// What PreFilter computed for Filter (upstream's <c>preFilterState</c>): the pod's DoNotSchedule
/// constraints and, per constraint, the matching pods in every eligible domain and the two critical
/// paths. AddPod/RemovePod change the counts of a <see cref="Clone"/> during preemption.
/// </summary>
internal sealed class PreFilterState : IStateData
{
    public PreFilterState(Pod pod, SpreadConstraint[] constraints, RequiredNodeAffinity affinity)
    {
        Pod = pod;
        Constraints = constraints;
        Affinity = affinity;
        SelfMatch = new bool[constraints.Length];
        TpValueToMatchNum = new Dictionary<string, int>[constraints.Length];
        Paths = new CriticalPaths[constraints.Length];
        for (var i = 0; i < constraints.Length; i++)
        {
            SelfMatch[i] = constraints[i].Selector.Matches(pod.Metadata.Labels);
            TpValueToMatchNum[i] = new Dictionary<string, int>(StringComparer.Ordinal);
            Paths[i] = CriticalPaths.Initial;
        }
    }

    private PreFilterState(PreFilterState other)
    {
        Pod = other.Pod;
        Constraints = other.Constraints;
        Affinity = other.Affinity;
        SelfMatch = other.SelfMatch;
        Paths = (CriticalPaths[])other.Paths.Clone();
        TpValueToMatchNum = new Dictionary<string, int>[other.TpValueToMatchNum.Length];
        for (var i = 0; i < TpValueToMatchNum.Length; i++)
        {
            TpValueToMatchNum[i] = new Dictionary<string, int>(other.TpValueToMatchNum[i], StringComparer.Ordinal);
        }
    }

    /// <summary>The pod being scheduled.</summary>
    public Pod Pod { get; }

    /// <summary>The DoNotSchedule constraints (shared by clones: they do not change).</summary>
    public SpreadConstraint[] Constraints { get; }

    /// <summary>The pod's required node affinity, for the inclusion policies (shared by clones).</summary>
    public RequiredNodeAffinity Affinity { get; }

    /// <summary>Per constraint, whether the pod matches its own selector (shared by clones).</summary>
    public bool[] SelfMatch { get; }

    /// <summary>Per constraint, the two domains with the fewest matching pods.</summary>
    public CriticalPaths[] Paths { get; }

    /// <summary>Per constraint, the matching pods in each eligible domain.</summary>
    public Dictionary<string, int>[] TpValueToMatchNum { get; }

    /// <summary>The global minimum for constraint <paramref name="i"/>: 0 when there are fewer eligible domains than <paramref name="minDomains"/>.</summary>
    public int MinMatchNum(int i, int minDomains) =>
        TpValueToMatchNum[i].Count < minDomains ? 0 : Paths[i].First.MatchNum;

    /// <summary>Adds <paramref name="delta"/> to the count of <paramref name="value"/> for constraint <paramref name="i"/> and updates its critical paths.</summary>
    public void Add(int i, string value, int delta)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(TpValueToMatchNum[i], value, out _);
        count += delta;
        Paths[i].Update(value, count);
    }

    /// <summary>A copy whose counts and critical paths can change without changing this one.</summary>
    public IStateData Clone() => new PreFilterState(this);
}
