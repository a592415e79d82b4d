using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;

namespace Sim.Cluster.Tests.Controllers;

/// <summary>The replication controller's creation pacing: slow-start batches and the 500-pod burst limit (kube-scheduler.md §9).</summary>
public class ReplicationManagerTests
{
    [Test]
    public void Creations_come_in_slow_start_batches_of_1_2_4_8_one_api_round_trip_apart()
    {
        var cluster = ClusterWith(replicas: 20);

        cluster.Simulation.RunUntil(SimTime.FromSeconds(1));

        // Watch latency 10 ms, then batches every 5 ms: 1, 2, 4, 8 and the remaining 5.
        Assert.That(CreationsByMillisecond(cluster), Is.EqualTo(new Dictionary<long, int> { [10] = 1, [15] = 2, [20] = 4, [25] = 8, [30] = 5 }));
    }

    [Test]
    public void At_most_500_pods_are_created_per_sync_and_the_next_sync_waits_for_the_watch()
    {
        var cluster = ClusterWith(replicas: 1_200);

        cluster.Simulation.RunUntil(SimTime.FromSeconds(5));

        var creations = CreationsByMillisecond(cluster);
        Assert.Multiple(() =>
        {
            // 1 + 2 + 4 + … + 128 = 255, then 245 to reach the burst limit of 500, 45 ms after the RC appeared.
            Assert.That(creations.Where(c => c.Key <= 55).Select(c => c.Value), Is.EqualTo(new[] { 1, 2, 4, 8, 16, 32, 64, 128, 245 }));
            Assert.That(creations.Keys.Where(k => k > 55).Min(), Is.GreaterThan(55), "the next sync starts only after the watch shows the 500 pods");
            Assert.That(creations.Values.Sum(), Is.EqualTo(1_200));
            Assert.That(cluster.Api.List(Pod.KindName).Count, Is.EqualTo(1_200));
        });
    }

    [Test]
    public void The_pods_of_one_controller_share_one_admitted_spec_with_the_default_tolerations()
    {
        var cluster = ClusterWith(replicas: 20);

        cluster.Simulation.RunUntil(SimTime.FromTimeSpan(TimeSpan.FromMilliseconds(40)));

        var pods = cluster.Api.List(Pod.KindName).Cast<Pod>().Where(p => !p.IsBound).ToList();
        var template = cluster.Api.List(ReplicationController.KindName).Cast<ReplicationController>().Single().Spec.Template.Spec;
        Assert.Multiple(() =>
        {
            Assert.That(pods, Has.Count.GreaterThan(1), "some pods are not bound yet");
            Assert.That(pods.Select(p => p.Spec).Distinct(ReferenceEqualityComparer.Instance).Count(), Is.EqualTo(1), "one spec instance");
            Assert.That(pods[0].Spec.Tolerations.Select(t => (t.Key, t.TolerationSeconds)), Is.EqualTo(new[] { (Taint.NotReadyKey, (long?)300), (Taint.UnreachableKey, (long?)300) }));
            Assert.That(pods[0].Spec with { Tolerations = template.Tolerations }, Is.EqualTo(template), "otherwise the template's spec");
        });
    }

    private static Dictionary<long, int> CreationsByMillisecond(SimulatedCluster cluster) =>
        cluster.Log.Events
            .Where(e => e.Component == "replication-controller" && e.Target.Kind == Pod.KindName && e.Change == "created")
            .GroupBy(e => e.Time.Ticks / TimeSpan.TicksPerMillisecond)
            .OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => g.Count());

    private static SimulatedCluster ClusterWith(int replicas)
    {
        var cluster = new SimulatedCluster(seed: 1);
        for (var i = 0; i < 20; i++)
        {
            cluster.AddNode($"node-{i:D2}", ResourceList.Builder().Cpu(64_000).Memory(256L << 30).Pods(110).Build());
        }

        var labels = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", "web");
        cluster.Client("kubectl").Create(new ReplicationController
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new ReplicationControllerSpec
            {
                Replicas = replicas,
                Selector = labels,
                Template = new PodTemplate { Labels = labels, Spec = new PodSpec { Containers = [new Container("web", ResourceList.Builder().Cpu(10).Build())] } },
            },
        });
        return cluster;
    }
}
