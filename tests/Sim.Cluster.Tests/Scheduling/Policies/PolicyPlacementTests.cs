using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;
using Sim.Engine.Randomness;
using Sim.Scheduling;
using Sim.Scheduling.Policies;
using static Sim.Cluster.Tests.Scheduling.Policies.PolicyTestObjects;

namespace Sim.Cluster.Tests.Scheduling.Policies;

/// <summary>What each policy does on small clusters: where its pods go, checked against the heuristic's definition.</summary>
public class PolicyPlacementTests
{
    private static Snapshot ThreeLoads() => Snapshot.Create(
        [NodeOf("tight"), NodeOf("half"), NodeOf("empty")],
        [Bound("t", "tight", ("cpu", "3"), ("memory", "12Gi")), Bound("h", "half", ("cpu", "2"), ("memory", "8Gi"))]);

    private static IEnumerable<PodInfo> Pods(int count, params (string Name, string Quantity)[] requests) =>
        Enumerable.Range(0, count).Select(i => Pending($"p{i}", requests));

    [Test]
    public void Best_fit_picks_the_tightest_node_that_fits()
    {
        Assert.That(PlaceAll("best-fit", ThreeLoads(), Pods(1, ("cpu", "500m"), ("memory", "2Gi"))), Is.EqualTo(new[] { "tight" }));
        Assert.That(PlaceAll("best-fit", ThreeLoads(), Pods(1, ("cpu", "1500m"), ("memory", "2Gi"))), Is.EqualTo(new[] { "half" }), "tight has 1 cpu free");
    }

    [Test]
    public void Worst_fit_picks_the_emptiest_node()
    {
        Assert.That(PlaceAll("worst-fit", ThreeLoads(), Pods(1, ("cpu", "500m"), ("memory", "2Gi"))), Is.EqualTo(new[] { "empty" }));
    }

    [Test]
    public void Dot_product_picks_the_node_whose_free_resources_align_with_the_request()
    {
        // Same total free share, opposite shapes (see DotProductTests); best fit and worst fit tie here.
        static Snapshot Shapes() => Snapshot.Create(
            [NodeOf("cpu-free"), NodeOf("mem-free")],
            [Bound("a", "cpu-free", ("cpu", "1"), ("memory", "12Gi")), Bound("b", "mem-free", ("cpu", "3"), ("memory", "4Gi"))]);

        Assert.That(PlaceAll("dot-product", Shapes(), Pods(1, ("cpu", "1"), ("memory", "1Gi"))), Is.EqualTo(new[] { "cpu-free" }));
        Assert.That(PlaceAll("dot-product", Shapes(), Pods(1, ("cpu", "250m"), ("memory", "4Gi"))), Is.EqualTo(new[] { "mem-free" }));
    }

    [Test]
    public void First_fit_fills_the_nodes_in_name_order()
    {
        var snapshot = Snapshot.Create([NodeOf("n3", cpu: 2, zone: "a"), NodeOf("n1", cpu: 2, zone: "b"), NodeOf("n2", cpu: 2, zone: "a")]);

        var placed = PlaceAll("first-fit", snapshot, Pods(5, ("cpu", "1")));

        Assert.That(placed, Is.EqualTo(new[] { "n1", "n1", "n2", "n2", "n3" }));
    }

    [Test]
    public void First_fit_needs_every_node_scored_on_a_large_cluster()
    {
        // 300 nodes: the adaptive percentage (50 − 300/125 = 48 %) would score 144 nodes from a rotating start.
        static Snapshot Large() => Snapshot.Create(Enumerable.Range(0, 300).Select(i => NodeOf($"n{i:D3}")));

        var firstFit = PlaceAll("first-fit", Large(), Pods(6, ("cpu", "1")));

        var sampled = Get("first-fit");
        sampled = sampled with
        {
            Configuration = () =>
            {
                var config = Get("first-fit").Configuration();
                return config with { Profiles = [config.Profiles[0] with { PercentageOfNodesToScore = null }] };
            },
        };
        var snapshot = Large();
        var profile = SchedulerProfile.Build(sampled.Configuration().Profiles[0], PolicyCatalogue.CreateRegistry(), new FrameworkHandle(snapshot));
        var algorithm = new SchedulingAlgorithm(new RandomStreams(1).For("select-host"));
        var hosts = Pods(2, ("cpu", "1")).Select(p => algorithm.Schedule(profile, new CycleState(), p, snapshot).SuggestedHost).ToList();

        Assert.That(firstFit, Is.EqualTo(new[] { "n000", "n000", "n000", "n000", "n001", "n001" }));
        Assert.That(hosts, Is.EqualTo(new[] { "n000", "n144" }), "with sampling, the second search starts past the first 144 nodes");
    }

    [Test]
    public void Random_is_reproducible_for_a_seed_and_spreads_pods_over_the_nodes()
    {
        static Snapshot Eight() => Snapshot.Create(Enumerable.Range(0, 8).Select(i => NodeOf($"n{i}")));

        var first = PlaceAll("random", Eight(), Pods(400, ("cpu", "10m")), seed: 1);
        var again = PlaceAll("random", Eight(), Pods(400, ("cpu", "10m")), seed: 1);
        var other = PlaceAll("random", Eight(), Pods(400, ("cpu", "10m")), seed: 2);
        var perNode = first.GroupBy(n => n).Select(g => g.Count()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(first));
            Assert.That(other, Is.Not.EqualTo(first));
            Assert.That(perNode, Has.Count.EqualTo(8));
            // 50 expected per node, standard deviation about 6.6.
            Assert.That(perNode, Is.All.InRange(25, 75));
        });
    }

    [TestCase("most-allocated")]
    [TestCase("requested-to-capacity-ratio")]
    public void A_packing_policy_puts_pods_on_one_node_until_it_is_full(string policy)
    {
        static Snapshot Three() => Snapshot.Create([NodeOf("a"), NodeOf("b"), NodeOf("c")]);

        var packed = PlaceAll(policy, Three(), Pods(5, ("cpu", "1"), ("memory", "4Gi")));
        var spread = PlaceAll("kubernetes-default", Three(), Pods(3, ("cpu", "1"), ("memory", "4Gi")));

        Assert.That(packed.Take(4).Distinct().Count(), Is.EqualTo(1), string.Join(",", packed));
        Assert.That(packed[4], Is.Not.EqualTo(packed[0]), "the first node is full after four pods");
        Assert.That(spread.Distinct().Count(), Is.EqualTo(3), "least allocated spreads the same pods");
    }

    [Test]
    public void Spread_balances_a_replica_sets_pods_over_zones_of_unequal_size()
    {
        // Zone z1 has four nodes, z2 and z3 one each: spreading by node puts most pods in z1.
        static Dictionary<string, int> PodsPerZone(string policyName)
        {
            var policy = Get(policyName);
            var cluster = new SimulatedCluster(seed: 1, scheduler: policy.Configuration(), plugins: PolicyCatalogue.CreateRegistry());
            var zones = new[] { "z1", "z1", "z1", "z1", "z2", "z3" };
            for (var i = 0; i < zones.Length; i++)
            {
                cluster.AddNode($"node-{i}", ResourceList.Builder().Cpu(8000).Memory(32L << 30).Pods(110).Build(), new Dictionary<string, string> { [Node.ZoneLabel] = zones[i] });
            }

            var labels = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", "web");
            cluster.Client("kubectl").Create(new ReplicaSet
            {
                Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
                Spec = new ReplicaSetSpec
                {
                    Replicas = 6,
                    Selector = LabelSelector.Parse("app=web"),
                    Template = new PodTemplate { Labels = labels, Spec = new PodSpec { Containers = [new Container("web", ResourceList.Builder().Cpu(500).Memory(1L << 30).Build())] } },
                },
            });
            cluster.Simulation.RunUntil(SimTime.FromSeconds(30));

            var nodeZone = Enumerable.Range(0, zones.Length).ToDictionary(i => $"node-{i}", i => zones[i]);
            var pods = cluster.Api.List(Pod.KindName).Cast<Pod>().Where(p => p.Spec.NodeName.Length != 0).ToList();
            Assert.That(pods, Has.Count.EqualTo(6), policyName);
            return pods.GroupBy(p => nodeZone[p.Spec.NodeName]).ToDictionary(g => g.Key, g => g.Count());
        }

        var spread = PodsPerZone("spread");
        var standard = PodsPerZone("kubernetes-default");

        Assert.That(spread, Is.EquivalentTo(new Dictionary<string, int> { ["z1"] = 2, ["z2"] = 2, ["z3"] = 2 }));
        Assert.That(standard["z1"], Is.GreaterThan(2), $"the default's hostname constraint outweighs its zone constraint: {string.Join(", ", standard)}");
    }
}
