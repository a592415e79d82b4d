using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Scheduling;
using Sim.Scheduling.Plugins.PodTopologySpread;
using TopologySpreadPlugin = Sim.Scheduling.Plugins.PodTopologySpread.PodTopologySpread;

namespace Sim.Cluster.Tests.Scheduling.Plugins.PodTopologySpread;

/// <summary>An expected constraint: the selector in label selector syntax, null for a nil selector.</summary>
public readonly record struct Constraint(
    int MaxSkew,
    string TopologyKey,
    string? Selector,
    int MinDomains = 1,
    NodeInclusionPolicy NodeAffinityPolicy = NodeInclusionPolicy.Honor,
    NodeInclusionPolicy NodeTaintsPolicy = NodeInclusionPolicy.Ignore);

/// <summary>Expected critical paths of one constraint, as upstream's <c>{{value, num}, {value, num}}</c>.</summary>
public readonly record struct Paths(string Value0, int Num0, string Value1, int Num1)
{
    /// <summary>Upstream's <c>newCriticalPaths()</c>.</summary>
    public static Paths New => new(string.Empty, int.MaxValue, string.Empty, int.MaxValue);

    /// <summary>Upstream's test comparer: with equal counts, the values in alphabetical order.</summary>
    public Paths Sorted() => Num0 == Num1 && string.CompareOrdinal(Value0, Value1) > 0 ? this with { Value0 = Value1, Value1 = Value0 } : this;

    /// <inheritdoc />
    public override string ToString() => $"{{{{{Value0} {Num0}}} {{{Value1} {Num1}}}}}";
}

/// <summary>An expected <c>preFilterState</c>.</summary>
public sealed record WantPreFilterState(Constraint[] Constraints, Paths[] Paths, Dictionary<string, int>[] TpValueToMatchNum);

/// <summary>Builders and assertions shared by the PodTopologySpread tests, after upstream's test helpers.</summary>
internal static class Spread
{
    /// <summary>Upstream's <c>fooSelector</c>: <c>Exists("foo")</c>.</summary>
    public const string Foo = "foo";

    /// <summary>Upstream's <c>barSelector</c>: <c>Exists("bar")</c>.</summary>
    public const string Bar = "bar";

    public const string Hostname = Node.HostnameLabel;

    /// <summary>Upstream's <c>taints</c>: <c>node.kubernetes.io/unschedulable:NoSchedule</c>.</summary>
    public static Taint UnschedulableTaint { get; } = new(Taint.UnschedulableKey, string.Empty, TaintEffect.NoSchedule);

    /// <summary>Upstream's <c>st.Toleration(v1.TaintNodeUnschedulable)</c>: Exists, NoSchedule.</summary>
    public static Toleration UnschedulableToleration { get; } = new(Taint.UnschedulableKey, TolerationOperator.Exists, Effect: TaintEffect.NoSchedule);

    public static PodTopologySpreadArgs ListDefaulting { get; } = new() { DefaultingType = PodTopologySpreadConstraintsDefaulting.List };

    public static PodTopologySpreadArgs SystemDefaulting { get; } = new() { DefaultingType = PodTopologySpreadConstraintsDefaulting.System };

    /// <summary>
    /// A node with exactly these labels (<c>key=value</c>, or <c>key</c> for an empty value), as upstream's
    /// <c>st.MakeNode().Name(n).Label(…)</c>; unlike Sim's <c>St.MakeNode().Name</c> it adds no hostname label.
    /// </summary>
    public static Node N(string name, params string[] labels) =>
        new() { Metadata = new ObjectMeta { Name = name, Labels = Labels(labels) } };

    /// <summary>The node with upstream's <c>taints</c>.</summary>
    public static Node Tainted(this Node node) => node with { Spec = node.Spec with { Taints = [UnschedulableTaint] } };

    /// <summary>The node with one <c>key=bbb:NoSchedule</c> taint.</summary>
    public static Node WithTaint(this Node node, string key) => node with { Spec = node.Spec with { Taints = [new Taint(key, "bbb", TaintEffect.NoSchedule)] } };

    /// <summary>A pod named <paramref name="name"/> bound to <paramref name="node"/> with these labels.</summary>
    public static Pod P(string name, string node, params string[] labels) =>
        St.MakePod().Name(name).Node(node).Labels(Labels(labels)).Obj();

    public static Pod InNamespace(this Pod pod, string ns) => pod with { Metadata = pod.Metadata with { Namespace = ns } };

    public static Pod Terminating(this Pod pod) => pod with { DeletionRequestedAt = default(Engine.SimTime) };

    public static Service Service(params string[] selector) => new()
    {
        Metadata = new ObjectMeta { Name = "svc-" + string.Join("-", selector), Namespace = "default" },
        Selector = Labels(selector),
    };

    public static ReplicaSet ReplicaSet(string name, string selector) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new ReplicaSetSpec { Selector = LabelSelector.Parse(selector) },
    };

    /// <summary>A default constraint (no selector: it is deduced from the pod's owners).</summary>
    public static TopologySpreadConstraint Default(int maxSkew, string key, WhenUnsatisfiable mode) => new(maxSkew, key, mode, LabelSelector.Nothing);

    public static Dictionary<string, int> Counts(params (string Value, int Count)[] counts) => counts.ToDictionary(c => c.Value, c => c.Count, StringComparer.Ordinal);

    public static Dictionary<string, long> LongCounts(params string[] values) => values.ToDictionary(v => v, _ => 0L, StringComparer.Ordinal);

    public static TopologySpreadPlugin NewPlugin(PodTopologySpreadArgs args, IEnumerable<Node> nodes, IEnumerable<Pod>? pods, IEnumerable<ApiObject>? objs, out Snapshot snapshot)
    {
        snapshot = Snapshot.Create(nodes, pods);
        return new TopologySpreadPlugin(args, new FrameworkHandle(snapshot, new ClusterLister(objs ?? [])));
    }

    public static Constraint Describe(SpreadConstraint c) => new(
        c.MaxSkew, c.TopologyKey, c.Selector.MatchesNothing ? null : c.Selector.ToString(), c.MinDomains, c.NodeAffinityPolicy, c.NodeTaintsPolicy);

    /// <summary>The expected constraint with its selector in canonical form.</summary>
    public static Constraint Canonical(Constraint c) => c with { Selector = c.Selector is null ? null : LabelSelector.Parse(c.Selector).ToString() };

    public static void AssertState(WantPreFilterState want, PreFilterState got)
    {
        Assert.Multiple(() =>
        {
            Assert.That(got.Constraints.Select(Describe), Is.EqualTo(want.Constraints.Select(Canonical)), "Constraints");
            Assert.That(got.Paths.Select(p => new Paths(p.First.TopologyValue, p.First.MatchNum, p.Second.TopologyValue, p.Second.MatchNum).Sorted()), Is.EqualTo(want.Paths.Select(p => p.Sorted())), "CriticalPaths");
            Assert.That(got.TpValueToMatchNum, Is.EqualTo(want.TpValueToMatchNum), "TpValueToMatchNum");
        });
    }

    private static ImmutableSortedDictionary<string, string> Labels(string[] labels)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            var eq = label.IndexOf('=', StringComparison.Ordinal);
            builder[eq < 0 ? label : label[..eq]] = eq < 0 ? string.Empty : label[(eq + 1)..];
        }

        return builder.ToImmutable();
    }
}
