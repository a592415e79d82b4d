using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Objects.Scheduling;
using Sim.Cluster.Resources;
using Sim.Engine;

namespace Sim.Cluster.Tests.Objects.Scheduling;

/// <summary>Node selector terms as upstream's <c>nodeaffinity.NodeSelector.Match</c>: terms ORed, requirements ANDed.</summary>
public class NodeAffinityTests
{
    private static readonly Node Node = new()
    {
        Metadata = new ObjectMeta
        {
            Name = "node-1",
            Labels = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal)
                .Add("zone", "a").Add("gpu", "v100").Add("cores", "64"),
        },
    };

    private static readonly object[] Cases =
    [
        Case("In matches", true, Term(Req("zone", SelectorOperator.In, "a", "b"))),
        Case("In misses", false, Term(Req("zone", SelectorOperator.In, "c"))),
        Case("NotIn matches a missing key", true, Term(Req("rack", SelectorOperator.NotIn, "r1"))),
        Case("Exists", true, Term(Req("gpu", SelectorOperator.Exists))),
        Case("DoesNotExist", false, Term(Req("gpu", SelectorOperator.DoesNotExist))),
        Case("Gt compares integers", true, Term(Req("cores", SelectorOperator.GreaterThan, "32"))),
        Case("Lt compares integers", false, Term(Req("cores", SelectorOperator.LessThan, "32"))),
        Case("Gt on a non-integer value is invalid and matches nothing", false, Term(Req("cores", SelectorOperator.GreaterThan, "lots"))),
        Case("requirements within a term are ANDed", false, Term(Req("zone", SelectorOperator.In, "a"), Req("gpu", SelectorOperator.In, "a100"))),
        Case("terms are ORed", true, Term(Req("zone", SelectorOperator.In, "z")), Term(Req("gpu", SelectorOperator.In, "v100"))),
        Case("an empty term matches nothing", false, new NodeSelectorTerm()),
        Case("matchFields on metadata.name", true, new NodeSelectorTerm { MatchFields = [Req("metadata.name", SelectorOperator.In, "node-1")] }),
        Case("matchFields NotIn", false, new NodeSelectorTerm { MatchFields = [Req("metadata.name", SelectorOperator.NotIn, "node-1")] }),
        Case("Equal is not a node selector operator", false, Term(Req("zone", SelectorOperator.Equal, "a"))),
    ];

    [TestCaseSource(nameof(Cases))]
    public void Terms_match_as_upstream(NodeSelectorTerm[] terms, bool expected)
    {
        Assert.That(NodeAffinity.Matches([.. terms], Node), Is.EqualTo(expected));
    }

    [Test]
    public void The_binder_places_a_pod_only_on_a_node_its_required_affinity_matches()
    {
        var cluster = new SimulatedCluster(seed: 1);
        var allocatable = ResourceList.Builder().Cpu(4000).Memory(8L << 30).Pods(110).Build();
        cluster.AddNode("node-a", allocatable, new Dictionary<string, string> { ["zone"] = "a" });
        cluster.AddNode("node-b", allocatable, new Dictionary<string, string> { ["zone"] = "b" });
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p", Namespace = "default" },
            Spec = new PodSpec
            {
                Containers = [new Container("c", ResourceList.Builder().Cpu(100).Build())],
                Affinity = new Affinity { NodeAffinity = new NodeAffinity { Required = [Term(Req("zone", SelectorOperator.In, "b"))] } },
            },
        };

        cluster.Client("kubectl").Create(pod);
        cluster.Simulation.RunUntil(SimTime.FromSeconds(1));

        Assert.That(cluster.Api.Get<Pod>(pod.Key)!.Spec.NodeName, Is.EqualTo("node-b"));
    }

    [Test]
    public void Invalid_spread_constraints_and_weights_are_refused_with_their_fields()
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p", Namespace = "default" },
            Spec = new PodSpec
            {
                Containers = [new Container("c", ResourceList.Empty)],
                TopologySpreadConstraints = [new TopologySpreadConstraint(0, "", WhenUnsatisfiable.ScheduleAnyway, LabelSelector.Everything, MinDomains: 2)],
                Affinity = new Affinity
                {
                    NodeAffinity = new NodeAffinity { Preferred = [new PreferredSchedulingTerm(101, Term(Req("zone", SelectorOperator.Exists)))] },
                    PodAntiAffinity = new PodAffinityRules { Required = [new PodAffinityTerm(LabelSelector.Everything, "")] },
                },
            },
        };

        var problems = ObjectValidation.Validate(pod);

        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero",
            "spec.topologySpreadConstraints[0].topologyKey: Required value: can not be empty",
            "spec.topologySpreadConstraints[0].minDomains: Invalid value: 2: must be greater than 0, and only with whenUnsatisfiable DoNotSchedule",
            "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100",
            "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty",
        }));
    }

    private static TestCaseData Case(string name, bool expected, params NodeSelectorTerm[] terms) =>
        new TestCaseData(terms, expected).SetName(name);

    private static NodeSelectorTerm Term(params NodeSelectorRequirement[] requirements) => new() { MatchExpressions = [.. requirements] };

    private static NodeSelectorRequirement Req(string key, SelectorOperator op, params string[] values) => new(key, op, [.. values]);
}
