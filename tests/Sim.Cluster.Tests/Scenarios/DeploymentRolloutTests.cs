using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Labels;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Engine;

namespace Sim.Cluster.Tests.Scenarios;

/// <summary>
/// Rolling updates of a Deployment, checked after every simulation event: the active pods never exceed
/// replicas + maxSurge, and once the first rollout completed the available pods never drop below
/// replicas − maxUnavailable.
/// </summary>
public class DeploymentRolloutTests
{
    private static readonly ObjectKey WebKey = new(Deployment.KindName, "default", "web");

    [Test]
    public void A_rolling_update_with_surge_2_and_unavailable_1_stays_within_its_limits()
    {
        var result = Rollout(replicas: 10, new DeploymentStrategy { MaxSurge = IntOrPercent.Absolute(2), MaxUnavailable = IntOrPercent.Absolute(1) }, minReadySeconds: 0);

        result.AssertCompleted(replicas: 10);
        Assert.Multiple(() =>
        {
            Assert.That(result.MaxActive, Is.EqualTo(12), "the surge is used");
            Assert.That(result.MinAvailableDuringUpdate, Is.EqualTo(9), "the unavailability is used");
        });
    }

    [Test]
    public void A_rolling_update_with_25_percent_each_surges_3_and_keeps_8_available()
    {
        var result = Rollout(replicas: 10, new DeploymentStrategy(), minReadySeconds: 2);

        result.AssertCompleted(replicas: 10);
        Assert.Multiple(() =>
        {
            Assert.That(result.MaxActive, Is.EqualTo(13), "surge 25% of 10 rounds up to 3");
            Assert.That(result.MinAvailableDuringUpdate, Is.EqualTo(8), "unavailable 25% of 10 rounds down to 2");
        });
    }

    [Test]
    public void A_rolling_update_whose_limits_both_resolve_to_0_takes_one_pod_down_at_a_time()
    {
        var result = Rollout(replicas: 3, new DeploymentStrategy { MaxSurge = IntOrPercent.Absolute(0), MaxUnavailable = IntOrPercent.Percent(25) }, minReadySeconds: 0);

        result.AssertCompleted(replicas: 3);
        Assert.Multiple(() =>
        {
            Assert.That(result.MaxActive, Is.EqualTo(3), "no surge");
            Assert.That(result.MinAvailableDuringUpdate, Is.EqualTo(2), "maxUnavailable becomes 1");
        });
    }

    [Test]
    public void Scaling_a_deployment_without_a_template_change_scales_its_one_replica_set()
    {
        var cluster = BuildCluster();
        cluster.Client("kubectl").Create(NewDeployment(3, new DeploymentStrategy(), "nginx:1.27", minReadySeconds: 0));
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(10), () => Update(cluster, d => d with { Spec = d.Spec with { Replicas = 6 } }, "scaled to 6"));
        cluster.Simulation.RunUntil(SimTime.FromSeconds(30));

        var replicaSets = ReplicaSetsOf(cluster);
        var deployment = cluster.Api.Get<Deployment>(WebKey)!;
        Assert.Multiple(() =>
        {
            Assert.That(replicaSets, Has.Count.EqualTo(1));
            Assert.That(replicaSets[0].Spec.Replicas, Is.EqualTo(6));
            Assert.That(ActivePods(cluster).Count(p => p.Status.IsReady), Is.EqualTo(6));
            Assert.That(deployment.Status, Is.EqualTo(new DeploymentStatus { Replicas = 6, UpdatedReplicas = 6, ReadyReplicas = 6, AvailableReplicas = 6 }));
        });
    }

    private static RolloutResult Rollout(int replicas, DeploymentStrategy strategy, int minReadySeconds)
    {
        var cluster = BuildCluster();
        var (maxSurge, maxUnavailable) = (strategy.ResolveMaxSurge(replicas), strategy.ResolveMaxUnavailable(replicas));
        cluster.Client("kubectl").Create(NewDeployment(replicas, strategy, "nginx:1.27", minReadySeconds));
        var updateAt = SimTime.FromSeconds(30);
        cluster.Simulation.ScheduleAt(updateAt, () => Update(cluster, SetImage("nginx:1.28"), "image nginx:1.28"));

        var checker = new InvariantChecker(cluster.Api);
        var result = new RolloutResult(cluster, minAvailable: int.MaxValue);
        var firstRolloutDone = false;
        while (cluster.Simulation.Now < SimTime.FromSeconds(150) && cluster.Simulation.RunEvents(1) != StopReason.Idle)
        {
            checker.Check();
            var pods = ActivePods(cluster);
            var now = cluster.Simulation.Now;
            var available = pods.Count(p => p.Status.ReadySince is { } since && (minReadySeconds == 0 || since + TimeSpan.FromSeconds(minReadySeconds) < now));
            result.MaxActive = Math.Max(result.MaxActive, pods.Count);
            if (pods.Count > replicas + maxSurge)
            {
                Assert.Fail($"{pods.Count} active pods at {now}, more than {replicas} + {maxSurge}");
            }

            if (firstRolloutDone)
            {
                result.MinAvailableDuringUpdate = Math.Min(result.MinAvailableDuringUpdate, available);
                if (available < replicas - maxUnavailable)
                {
                    Assert.Fail($"{available} available pods at {now}, fewer than {replicas} - {maxUnavailable}");
                }
            }
            else if (available == replicas)
            {
                Assert.That(now, Is.LessThan(updateAt), "the first rollout completes before the update");
                firstRolloutDone = true;
            }
        }

        Assert.That(firstRolloutDone, Is.True);
        return result;
    }

    private static Func<Deployment, Deployment> SetImage(string image) => d => d with
    {
        Spec = d.Spec with
        {
            Template = d.Spec.Template with
            {
                Spec = d.Spec.Template.Spec with { Containers = [d.Spec.Template.Spec.Containers[0] with { Image = image }] },
            },
        },
    };

    private static void Update(SimulatedCluster cluster, Func<Deployment, Deployment> change, string description)
    {
        var deployment = cluster.Api.Get<Deployment>(WebKey)!;
        Assert.That(cluster.Client("kubectl").Update(change(deployment), description).IsOk, Is.True);
    }

    internal static List<Pod> ActivePods(SimulatedCluster cluster) =>
        cluster.Api.List(Pod.KindName).Cast<Pod>().Where(p => p.IsActive).ToList();

    internal static List<ReplicaSet> ReplicaSetsOf(SimulatedCluster cluster) =>
        cluster.Api.List(ReplicaSet.KindName).Cast<ReplicaSet>().OrderBy(rs => rs.Metadata.CreatedAt).ToList();

    internal static SimulatedCluster BuildCluster()
    {
        // Room for every pod, old and new, even while old ones terminate.
        var cluster = new SimulatedCluster(seed: 1);
        foreach (var name in new[] { "node-a", "node-b", "node-c", "node-d" })
        {
            cluster.AddNode(name, ResourceList.Builder().Cpu(8000).Memory(8L << 30).Pods(110).Build());
        }

        return cluster;
    }

    internal static Deployment NewDeployment(int replicas, DeploymentStrategy strategy, string image, int minReadySeconds)
    {
        var labels = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", "web");
        Assert.That(LabelSelector.TryCreate(new LabelSelectorSpec { MatchLabels = labels }, out var selector, out var error), Is.True, error);
        var container = new Container("web", ResourceList.Builder().Cpu(250).Memory(128L << 20).Build(), Image: image);
        return new Deployment
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new DeploymentSpec
            {
                Replicas = replicas,
                Selector = selector,
                Template = new PodTemplate { Labels = labels, Spec = new PodSpec { Containers = [container] } },
                MinReadySeconds = minReadySeconds,
                Strategy = strategy,
            },
        };
    }

    private sealed class RolloutResult(SimulatedCluster cluster, int minAvailable)
    {
        public int MaxActive { get; set; }

        public int MinAvailableDuringUpdate { get; set; } = minAvailable;

        public void AssertCompleted(int replicas)
        {
            var pods = ActivePods(cluster);
            var replicaSets = ReplicaSetsOf(cluster);
            var deployment = cluster.Api.Get<Deployment>(WebKey)!;
            var newHash = PodTemplateHash.Compute(deployment.Spec.Template);
            Assert.Multiple(() =>
            {
                Assert.That(replicaSets, Has.Count.EqualTo(2));
                Assert.That(replicaSets[0].Spec.Replicas, Is.Zero, "the old ReplicaSet is scaled down");
                Assert.That(replicaSets[1].Metadata.Name, Is.EqualTo("web-" + newHash));
                Assert.That(replicaSets[1].Spec.Replicas, Is.EqualTo(replicas));
                Assert.That(replicaSets.Select(rs => rs.Owner?.Kind), Is.All.EqualTo(Deployment.KindName));
                Assert.That(pods, Has.Count.EqualTo(replicas));
                Assert.That(pods.Select(p => p.Spec.Containers[0].Image), Is.All.EqualTo("nginx:1.28"));
                Assert.That(pods.Select(p => p.Metadata.Labels[PodTemplateHash.LabelKey]), Is.All.EqualTo(newHash));
                Assert.That(pods.Select(p => p.Owner), Is.All.EqualTo(new OwnerReference(ReplicaSet.KindName, replicaSets[1].Metadata.Name, replicaSets[1].Metadata.Uid)));
                Assert.That(deployment.Status, Is.EqualTo(new DeploymentStatus { Replicas = replicas, UpdatedReplicas = replicas, ReadyReplicas = replicas, AvailableReplicas = replicas }));
            });
        }
    }
}
