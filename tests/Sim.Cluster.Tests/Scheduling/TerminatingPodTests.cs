using System.Collections.Immutable;
using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Cluster.Resources;
using Sim.Cluster.Tests.Scenarios;
using Sim.Engine;

namespace Sim.Cluster.Tests.Scheduling;

/// <summary>The scheduler's cache keeps a terminating pod's resources on its node until the pod is gone, as upstream's cache does.</summary>
public class TerminatingPodTests
{
    [Test]
    public void A_terminating_pod_keeps_its_resources_until_it_is_gone()
    {
        // One node with room for exactly two 500m pods. Scaling 2 -> 1 -> 2 must not bind the new pod
        // while the deleted one is still terminating on the node.
        var cluster = new SimulatedCluster(seed: 1);
        cluster.AddNode("node-a", ResourceList.Builder().Cpu(1000).Memory(4L << 30).Pods(110).Build());
        var labels = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("app", "web");
        var kubectl = cluster.Client("kubectl");
        kubectl.Create(new ReplicationController
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new ReplicationControllerSpec
            {
                Replicas = 2,
                Selector = labels,
                Template = new PodTemplate { Labels = labels, Spec = new PodSpec { Containers = [new Container("web", ResourceList.Builder().Cpu(500).Build())] } },
            },
        });
        var checker = new InvariantChecker(cluster.Api);
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(10), () => Scale(cluster, 1));
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(10) + TimeSpan.FromMilliseconds(100), () => Scale(cluster, 2));

        while (cluster.Simulation.Now < SimTime.FromSeconds(30) && cluster.Simulation.RunEvents(1) != StopReason.Idle)
        {
            checker.Check();
        }

        var removed = cluster.Log.Events.Single(e => e.Change == "containers stopped; removed").Time;
        var rebound = cluster.Log.Events.Where(e => e.Change.StartsWith("bound to", StringComparison.Ordinal)).Last().Time;
        Assert.Multiple(() =>
        {
            Assert.That(rebound, Is.GreaterThanOrEqualTo(removed), "the replacement waited for the terminating pod");
            Assert.That(cluster.Api.List(Pod.KindName).Cast<Pod>().Count(p => p.Status.IsReady), Is.EqualTo(2));
        });
    }

    private static void Scale(SimulatedCluster cluster, int replicas)
    {
        var rc = cluster.Api.Get<ReplicationController>(new ObjectKey(ReplicationController.KindName, "default", "web"))!;
        cluster.Client("kubectl").Update(rc with { Spec = rc.Spec with { Replicas = replicas } }, $"scaled to {replicas}");
    }
}
