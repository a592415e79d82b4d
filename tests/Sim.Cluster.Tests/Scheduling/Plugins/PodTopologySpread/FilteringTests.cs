using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.PodTopologySpread;
using static Sim.Cluster.Tests.Scheduling.Plugins.PodTopologySpread.Spread;
using TopologySpreadPlugin = Sim.Scheduling.Plugins.PodTopologySpread.PodTopologySpread;

namespace Sim.Cluster.Tests.Scheduling.Plugins.PodTopologySpread;

/// <summary>
/// Upstream's <c>pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go</c>, case by case.
/// </summary>
/// <remarks>
/// Sim runs with the NodeInclusionPolicy, MinDomains and MatchLabelKeys features on (upstream's defaults).
/// Cases written for a feature gate turned off are ported when the outcome is the same with the gate on
/// (the pod's policies are the defaults, or its matchLabelKeys name no label it has); skipped:
/// <list type="bullet">
/// <item>TestPreFilterState "matchLabelKeys ignored when feature gate disabled": with the gate on the selector gets bar="" ANDed in.</item>
/// <item>TestPodTopoSignatures: pod signatures (SignPlugin, for batched scheduling) are not modelled.</item>
/// <item>BenchmarkFilter: a benchmark, not a test.</item>
/// </list>
/// Upstream's <c>st.MakeNode().Name</c> adds no hostname label, so nodes are built with <see cref="Spread.N"/>;
/// upstream's empty namespace is Sim's "default". Beyond upstream, Filter's reasons are checked too.
/// </remarks>
public partial class FilteringTests
{
    private static Node[] FourNodes =>
    [
        N("node-a", "zone=zone1", "node=node-a"),
        N("node-b", "zone=zone1", "node=node-b"),
        N("node-x", "zone=zone2", "node=node-x"),
        N("node-y", "zone=zone2", "node=node-y"),
    ];

    private static PodWrapper MakePod(string name, params string[] labels)
    {
        var pod = St.MakePod().Name(name);
        foreach (var label in labels)
        {
            var eq = label.IndexOf('=', StringComparison.Ordinal);
            pod = eq < 0 ? pod.Label(label, string.Empty) : pod.Label(label[..eq], label[(eq + 1)..]);
        }

        return pod;
    }

    private static PreFilterState RunPreFilter(TopologySpreadPlugin plugin, CycleState state, Pod pod, Snapshot snapshot)
    {
        var status = plugin.PreFilter(state, new PodInfo(pod), snapshot.NodeInfos, out var result);
        Assert.Multiple(() =>
        {
            Assert.That(status.Code, Is.EqualTo(StatusCode.Success), status.ToString());
            Assert.That(result, Is.Null);
        });
        return state.Read(TopologySpreadPlugin.PreFilterKey)!;
    }
}

/// <summary>A TestPreFilterState case.</summary>
/// <param name="Pod">The pod being scheduled.</param>
public sealed record PreFilterStateCase(Pod Pod)
{
    public Node[] Nodes { get; init; } = [];

    public Pod[] ExistingPods { get; init; } = [];

    public ApiObject[] Objs { get; init; } = [];

    public TopologySpreadConstraint[] DefaultConstraints { get; init; } = [];

    /// <summary>The expected state; null when PreFilter must return Skip.</summary>
    public WantPreFilterState? Want { get; init; }
}
