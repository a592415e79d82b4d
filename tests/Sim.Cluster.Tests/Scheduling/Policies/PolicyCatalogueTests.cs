using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;
using Sim.Scheduling;
using Sim.Scheduling.Policies;
using static Sim.Cluster.Tests.Scheduling.Policies.PolicyTestObjects;

namespace Sim.Cluster.Tests.Scheduling.Policies;

/// <summary>The catalogue itself: its names, lookup, registry, and every policy built and run on a cluster.</summary>
public class PolicyCatalogueTests
{
    private static readonly string[] Names =
    [
        "kubernetes-default", "most-allocated", "requested-to-capacity-ratio", "spread",
        "random", "first-fit", "best-fit", "worst-fit", "dot-product",
    ];

    private static readonly (string Policy, string Plugin)[] Heuristics =
    [
        ("random", "Random"), ("first-fit", "FirstFit"), ("best-fit", "BestFit"), ("worst-fit", "WorstFit"), ("dot-product", "DotProduct"),
    ];

    private static IEnumerable<TestCaseData> EveryPolicy() => Names.Select(n => new TestCaseData(n).SetName($"Policy {n}"));

    private static IEnumerable<TestCaseData> HeuristicPolicies() => Heuristics.Select(h => new TestCaseData(h.Policy, h.Plugin).SetName($"Heuristic {h.Policy}"));

    private static string[] At(SchedulerProfile profile, string point) => [.. profile.Describe().Single(p => p.Point == point).Plugins];

    [Test]
    public void The_catalogue_lists_the_policies_under_their_public_names_in_order()
    {
        Assert.That(PolicyCatalogue.All.Select(p => p.Name), Is.EqualTo(Names));
        Assert.That(PolicyCatalogue.All.Select(p => p.Name), Has.All.Matches<string>(n => System.Text.RegularExpressions.Regex.IsMatch(n, "^[a-z]+(-[a-z]+)*$")));
        Assert.That(PolicyCatalogue.All, Has.All.Matches<Policy>(p => p.Description.Length > 0 && p.Source.Length > 0));
    }

    [Test]
    public void TryGet_finds_a_policy_by_its_exact_name_only()
    {
        Assert.That(PolicyCatalogue.TryGet("best-fit", out var policy), Is.True);
        Assert.That(policy!.Name, Is.EqualTo("best-fit"));
        Assert.That(PolicyCatalogue.TryGet("Best-Fit", out _), Is.False);
        Assert.That(PolicyCatalogue.TryGet("bestfit", out _), Is.False);
    }

    [Test]
    public void The_registry_holds_the_in_tree_plugins_and_the_catalogues_while_the_default_registry_stays_upstreams()
    {
        var registry = PolicyCatalogue.CreateRegistry();
        string[] catalogue = ["BestFit", "DotProduct", "FirstFit", "Random", "WorstFit"];

        Assert.That(registry.Names, Is.SupersetOf(PluginRegistry.CreateDefault().Names).And.SupersetOf(catalogue));
        Assert.That(PluginRegistry.CreateDefault().Names, Has.None.AnyOf(catalogue));
    }

    [TestCaseSource(nameof(EveryPolicy))]
    public void Every_policy_builds_and_schedules_a_pod_on_a_cluster(string name)
    {
        var policy = Get(name);
        var cluster = new SimulatedCluster(seed: 1, scheduler: policy.Configuration(), plugins: PolicyCatalogue.CreateRegistry());
        foreach (var (node, zone) in new[] { ("node-a", "zone-1"), ("node-b", "zone-2"), ("node-c", "zone-1") })
        {
            cluster.AddNode(node, ResourceList.Builder().Cpu(4000).Memory(16L << 30).Pods(110).Build(), new Dictionary<string, string> { [Node.ZoneLabel] = zone });
        }

        cluster.Client("kubectl").Create(St.MakePod().Name("p").Req(("cpu", "1"), ("memory", "1Gi")).Obj());
        cluster.Simulation.RunUntil(SimTime.FromSeconds(5));

        var pod = cluster.Api.Get<Pod>(new("Pod", "default", "p"))!;
        Assert.That(pod.Spec.NodeName, Is.AnyOf("node-a", "node-b", "node-c"));
        Assert.That(pod.Status.Phase, Is.EqualTo(PodPhase.Running));
    }

    [TestCaseSource(nameof(HeuristicPolicies))]
    public void A_heuristic_policy_keeps_the_default_profile_but_scores_with_the_heuristic_alone(string name, string plugin)
    {
        var snapshot = Snapshot.Create([NodeOf("a")]);
        var heuristic = Profile(Get(name), snapshot);
        var standard = Profile(Get("kubernetes-default"), snapshot);

        Assert.Multiple(() =>
        {
            Assert.That(At(heuristic, "Score"), Is.EqualTo(new[] { $"{plugin}(1)" }));
            Assert.That(At(heuristic, "PreScore"), Is.Empty);
            foreach (var (point, plugins) in standard.Describe().Where(p => p.Point is not ("Score" or "PreScore")))
            {
                Assert.That(At(heuristic, point), Is.EqualTo(plugins), point);
            }
        });
    }

    [Test]
    public void First_fit_scores_every_feasible_node_and_the_other_heuristics_sample_as_the_default_does()
    {
        var snapshot = Snapshot.Create([NodeOf("a")]);

        Assert.That(Profile(Get("first-fit"), snapshot).PercentageOfNodesToScore, Is.EqualTo(100));
        Assert.That(Heuristics.Where(h => h.Policy != "first-fit").Select(h => Profile(Get(h.Policy), snapshot).PercentageOfNodesToScore), Is.All.Null);
    }

    [Test]
    public void The_resource_policies_configure_node_resources_fit_and_spread_configures_topology_spreading()
    {
        var snapshot = Snapshot.Create([NodeOf("a")]);
        static string Strategy(Policy policy) =>
            ((Sim.Scheduling.Plugins.NodeResourcesFit.NodeResourcesFitArgs)policy.Configuration().Profiles[0].PluginConfig["NodeResourcesFit"]).ScoringStrategy!.Type;

        Assert.Multiple(() =>
        {
            Assert.That(Strategy(Get("most-allocated")), Is.EqualTo("MostAllocated"));
            Assert.That(Strategy(Get("requested-to-capacity-ratio")), Is.EqualTo("RequestedToCapacityRatio"));
            var spread = (Sim.Scheduling.Plugins.PodTopologySpread.PodTopologySpreadArgs)Get("spread").Configuration().Profiles[0].PluginConfig["PodTopologySpread"];
            Assert.That(spread.Validate(string.Empty), Is.Empty);
            Assert.That(spread.DefaultConstraints.Select(c => (c.TopologyKey, c.MaxSkew)), Is.EqualTo(new[] { (Node.ZoneLabel, 1) }));
            foreach (var name in new[] { "most-allocated", "requested-to-capacity-ratio", "spread" })
            {
                Assert.That(At(Profile(Get(name), snapshot), "Score"), Is.EqualTo(At(Profile(Get("kubernetes-default"), snapshot), "Score")), name);
            }
        });
    }
}
