using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;

namespace Sim.Cluster.Tests.Scenarios;

/// <summary>ReplicaSets run by the replication controller: set-based selectors, availability and scale-down ranking.</summary>
public class ReplicaSetTests
{
    private static readonly ImmutableSortedDictionary<string, string> NoLabels = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    [Test]
    public void A_replica_set_with_a_set_based_selector_counts_only_the_owned_pods_it_selects_and_keeps_its_replicas()
    {
        var cluster = DeploymentRolloutTests.BuildCluster();
        var kubectl = cluster.Client("kubectl");
        var selector = Selector(new LabelSelectorSpec
        {
            MatchExpressions =
            [
                new LabelSelectorExpression { Key = "app", Operator = "In", Values = ["web", "api"] },
                new LabelSelectorExpression { Key = "tier", Operator = "NotIn", Values = ["db"] },
            ],
        });
        var replicaSet = kubectl.Create(NewReplicaSet("front", 3, selector, NoLabels.Add("app", "web").Add("tier", "front"), minReadySeconds: 5)).Value!;

        // An owned pod the selector rejects (tier=db) does not count towards the replicas.
        kubectl.Create(new Pod
        {
            Metadata = new ObjectMeta { Name = "stray", Namespace = "default", Labels = NoLabels.Add("app", "web").Add("tier", "db") },
            Spec = new PodSpec { Containers = [WebContainer()] },
            Owner = new OwnerReference(ReplicaSet.KindName, "front", replicaSet.Metadata.Uid),
        });

        cluster.Simulation.RunUntil(SimTime.FromSeconds(6));
        var readyNotAvailable = Get(cluster, "front").Status;
        cluster.Simulation.RunUntil(SimTime.FromSeconds(15));
        var available = Get(cluster, "front").Status;

        // A pod is deleted (as by a user); the ReplicaSet replaces it.
        var victim = cluster.Api.List(Pod.KindName).Cast<Pod>().First(p => p.Metadata.Name == "front-1");
        kubectl.Delete(victim.Key);
        cluster.Simulation.RunUntil(SimTime.FromSeconds(40));
        var selected = DeploymentRolloutTests.ActivePods(cluster).Where(p => p.Metadata.Name != "stray").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(readyNotAvailable, Is.EqualTo(new ReplicaSetStatus { Replicas = 3, ReadyReplicas = 3, AvailableReplicas = 0 }), "ready at about 3 s, available 5 s later");
            Assert.That(available, Is.EqualTo(new ReplicaSetStatus { Replicas = 3, ReadyReplicas = 3, AvailableReplicas = 3 }), "a requeue counts them available with no pod event");
            Assert.That(selected.Select(p => p.Metadata.Name), Is.EquivalentTo(new[] { "front-2", "front-3", "front-4" }));
            Assert.That(selected.Select(p => p.Owner!.Kind), Is.All.EqualTo(ReplicaSet.KindName));
            Assert.That(Get(cluster, "front").Status, Is.EqualTo(new ReplicaSetStatus { Replicas = 3, ReadyReplicas = 3, AvailableReplicas = 3 }));
        });
    }

    [Test]
    public void Scaling_down_a_deployments_replica_set_ranks_its_pods_by_the_pods_of_sibling_replica_sets_on_their_nodes()
    {
        // node-b only at first: sibling "b" (3 pods) and the first pod of "a" land there.
        var cluster = new SimulatedCluster(seed: 1);
        var node = ResourceList.Builder().Cpu(4000).Memory(8L << 30).Pods(110).Build();
        cluster.AddNode("node-b", node);
        var kubectl = cluster.Client("kubectl");
        var deployment = new OwnerReference(Deployment.KindName, "web", Uid: 1_000_000);
        kubectl.Create(NewReplicaSet("b", 3, Selector(new LabelSelectorSpec { MatchLabels = NoLabels.Add("rs", "b") }), NoLabels.Add("rs", "b"), 0) with { Owner = deployment });
        kubectl.Create(NewReplicaSet("a", 1, Selector(new LabelSelectorSpec { MatchLabels = NoLabels.Add("rs", "a") }), NoLabels.Add("rs", "a"), 0) with { Owner = deployment });

        // At 60 s node-a joins and "a" grows to 2: its new pod goes to node-a (first by name).
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(60), () =>
        {
            cluster.AddNode("node-a", node);
            Scale(cluster, "a", 2);
        });

        // At 120 s "a" shrinks to 1. Alone, its node-a pod would go first (ready more recently, in a
        // lower logarithmic bucket); counting the sibling's 3 pods on node-b, the node-b pod ranks
        // first (4 related pods on its node against 1).
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(120), () => Scale(cluster, "a", 1));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(119));
        var before = DeploymentRolloutTests.ActivePods(cluster).Where(p => p.Owner!.Name == "a").Select(p => p.Spec.NodeName).ToList();
        cluster.Simulation.RunUntil(SimTime.FromSeconds(130));
        var after = DeploymentRolloutTests.ActivePods(cluster).Where(p => p.Owner!.Name == "a").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EquivalentTo(new[] { "node-a", "node-b" }));
            Assert.That(after.Select(p => p.Spec.NodeName), Is.EqualTo(new[] { "node-a" }));
            Assert.That(DeploymentRolloutTests.ActivePods(cluster).Count(p => p.Owner!.Name == "b"), Is.EqualTo(3));
        });
    }

    private static void Scale(SimulatedCluster cluster, string name, int replicas)
    {
        var replicaSet = Get(cluster, name);
        Assert.That(cluster.Client("kubectl").Update(replicaSet with { Spec = replicaSet.Spec with { Replicas = replicas } }).IsOk, Is.True);
    }

    private static ReplicaSet Get(SimulatedCluster cluster, string name) =>
        cluster.Api.Get<ReplicaSet>(new ObjectKey(ReplicaSet.KindName, "default", name))!;

    private static LabelSelector Selector(LabelSelectorSpec spec)
    {
        Assert.That(LabelSelector.TryCreate(spec, out var selector, out var error), Is.True, error);
        return selector;
    }

    private static Container WebContainer() => new("web", ResourceList.Builder().Cpu(250).Memory(128L << 20).Build(), Image: "nginx:1.27");

    private static ReplicaSet NewReplicaSet(string name, int replicas, LabelSelector selector, ImmutableSortedDictionary<string, string> labels, int minReadySeconds) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new ReplicaSetSpec
        {
            Replicas = replicas,
            Selector = selector,
            Template = new PodTemplate { Labels = labels, Spec = new PodSpec { Containers = [WebContainer()] } },
            MinReadySeconds = minReadySeconds,
        },
    };
}
