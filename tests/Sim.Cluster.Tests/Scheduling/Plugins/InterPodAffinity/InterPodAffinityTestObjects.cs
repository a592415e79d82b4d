using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.InterPodAffinity;
using Plugin = Sim.Scheduling.Plugins.InterPodAffinity.InterPodAffinity;

namespace Sim.Cluster.Tests.Scheduling.Plugins.InterPodAffinity;

/// <summary>
/// Builders for the ported InterPodAffinity tests, after upstream's <c>st.MakePod().PodAffinityIn(labelKey,
/// topologyKey, values, kind)</c> family (<c>pkg/scheduler/testing/wrappers.go</c>): the selector is written
/// in label selector syntax. Upstream's default namespace is "" and ours is "default"; the tests use ours
/// wherever upstream uses its.
/// </summary>
internal static class IpaTest
{
    /// <summary>A node with exactly these labels (upstream's tests build nodes without a hostname label).</summary>
    public static Node NodeOf(string name, params (string Key, string Value)[] labels) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, labels.Select(l => KeyValuePair.Create(l.Key, l.Value))),
        },
    };

    public static Dictionary<string, string> LabelMap(params (string Key, string Value)[] labels) =>
        labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);

    /// <summary>
    /// A snapshot of the nodes and pods. Upstream's tests leave most pods unnamed; our snapshot keys pods
    /// by namespace and name, so unnamed pods get distinct names here.
    /// </summary>
    public static Snapshot SnapshotOf(IEnumerable<Node> nodes, IEnumerable<Pod> pods)
    {
        var index = 0;
        var named = pods.Select(p => p.Metadata.Name.Length != 0 ? p : p with { Metadata = p.Metadata with { Name = $"unnamed-{index++}" } });
        return Sim.Scheduling.Snapshot.Create(nodes, named);
    }

    public static Plugin NewPlugin(Snapshot snapshot, InterPodAffinityArgs args) => new(args, new FrameworkHandle(snapshot));

    /// <summary>The counts as a map from (topology key, value) to count.</summary>
    public static Dictionary<(string Key, string Value), long> Map(TopologyCounts counts) =>
        counts.Pairs().ToDictionary(p => p.Key, p => p.Value);

    public static Dictionary<(string Key, string Value), long> Map(params ((string Key, string Value) Pair, long Count)[] pairs) =>
        pairs.ToDictionary(p => p.Pair, p => p.Count);

    public static PodWrapper PodAffinityIn(this PodWrapper pod, string labelKey, string topologyKey, params string[] values) =>
        pod.PodAffinity(topologyKey, $"{labelKey} in ({string.Join(",", values)})");

    public static PodWrapper PodAffinityNotIn(this PodWrapper pod, string labelKey, string topologyKey, params string[] values) =>
        pod.PodAffinity(topologyKey, $"{labelKey} notin ({string.Join(",", values)})");

    public static PodWrapper PodAffinityExists(this PodWrapper pod, string labelKey, string topologyKey) =>
        pod.PodAffinity(topologyKey, labelKey);

    public static PodWrapper PodAntiAffinityIn(this PodWrapper pod, string labelKey, string topologyKey, params string[] values) =>
        pod.PodAntiAffinity(topologyKey, $"{labelKey} in ({string.Join(",", values)})");

    public static PodWrapper PodAntiAffinityNotIn(this PodWrapper pod, string labelKey, string topologyKey, params string[] values) =>
        pod.PodAntiAffinity(topologyKey, $"{labelKey} notin ({string.Join(",", values)})");

    public static PodWrapper PodAntiAffinityExists(this PodWrapper pod, string labelKey, string topologyKey) =>
        pod.PodAntiAffinity(topologyKey, labelKey);
}
