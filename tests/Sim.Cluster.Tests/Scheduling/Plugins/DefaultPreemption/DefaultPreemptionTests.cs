using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Engine;
using Sim.Scheduling.Plugins.DefaultPreemption;

namespace Sim.Cluster.Tests.Scheduling.Plugins.DefaultPreemption;

/// <summary>
/// Upstream's <c>pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go</c>, one
/// method per upstream test function (the functions are spread over the partial files of this class).
/// Shared here: upstream's priorities, resource sizes and start times, and small builders.
/// </summary>
/// <remarks>
/// Differences kept out of the cases: upstream's start times are nanoseconds since the epoch; here they
/// are ticks (only their order matters). Upstream's nodes get <c>pods: 32</c> with any capacity
/// (<c>st.MakeNode().Capacity</c>); <see cref="Node"/> does the same. Upstream draws the search offset
/// from <c>rand.NewSource(4)</c> (4, then 1, then 3 over five nodes); the cases that depend on it set
/// those offsets explicitly.
/// </remarks>
public partial class DefaultPreemptionTests
{
    internal const int NegPriority = -100;
    internal const int LowPriority = 0;
    internal const int MidPriority = 100;
    internal const int HighPriority = 1000;
    internal const int VeryHighPriority = 10000;

    internal static readonly (string, string)[] SmallRes = [("cpu", "100m"), ("memory", "100")];
    internal static readonly (string, string)[] MediumRes = [("cpu", "200m"), ("memory", "200")];
    internal static readonly (string, string)[] LargeRes = [("cpu", "300m"), ("memory", "300")];
    internal static readonly (string, string)[] VeryLargeRes = [("cpu", "500m"), ("memory", "500")];

    internal static SimTime Epoch(long n) => SimTime.FromTicks(n);

    /// <summary>A node from upstream's <c>"name/zone/region"</c> notation, labelled <c>hostname</c>, <c>zone</c>, <c>region</c>, with <c>pods: 32</c> unless given.</summary>
    internal static Node Node(string spec, params (string Name, string Quantity)[] capacity)
    {
        string[] keys = ["hostname", "zone", "region"];
        var parts = spec.Split('/');
        var node = St.MakeNode().Name(parts[0]);
        for (var i = 0; i < parts.Length; i++)
        {
            node.Label(keys[i], parts[i]);
        }

        var withPods = capacity.Any(c => c.Name == "pods") ? capacity : [("pods", "32"), .. capacity];
        return node.Capacity(withPods).Obj();
    }

    internal static PodWrapper Pod(string name) => St.MakePod().Name(name);

    internal static PodDisruptionBudget Pdb(string name, string selector, int disruptionsAllowed, params string[] disruptedPods) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Selector = LabelSelector.Parse(selector),
        Status = new PodDisruptionBudgetStatus
        {
            DisruptionsAllowed = disruptionsAllowed,
            DisruptedPods = disruptedPods.ToImmutableSortedDictionary(p => p, _ => SimTime.Zero, StringComparer.Ordinal),
        },
    };

    /// <summary>Sets the plugin's search offsets to <paramref name="offsets"/>, one per dry run (0 once they run out).</summary>
    internal static void UseOffsets(PreemptionFixture fixture, params int[] offsets)
    {
        var queue = new Queue<int>(offsets);
        fixture.Plugin.RandomOffset = _ => queue.Count == 0 ? 0 : queue.Dequeue();
    }

    /// <summary>A candidate as upstream's tests write it: the node, its victims' names, the budget violations.</summary>
    public sealed record ExpectedCandidate(string Node, string[] Victims, int NumPdbViolations = 0)
    {
        public override string ToString() => $"{Node}: [{string.Join(", ", Victims)}] ({NumPdbViolations} PDB violations)";
    }

    internal static ExpectedCandidate[] Describe(IEnumerable<PreemptionCandidate> candidates, bool sortVictims) =>
    [
        .. candidates
            .Select(c => new ExpectedCandidate(
                c.NodeName,
                sortVictims ? [.. c.Victims.Select(v => v.Metadata.Name).Order(StringComparer.Ordinal)] : [.. c.Victims.Select(v => v.Metadata.Name)],
                c.NumPdbViolations))
            .OrderBy(c => c.Node, StringComparer.Ordinal),
    ];
}
