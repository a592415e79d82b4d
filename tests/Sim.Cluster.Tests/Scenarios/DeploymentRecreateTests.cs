using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Cluster.Tests.Scenarios;

/// <summary>The Recreate strategy (upstream rolloutRecreate): every old pod is gone before any new pod exists.</summary>
public class DeploymentRecreateTests
{
    private static readonly ObjectKey WebKey = new(Deployment.KindName, "default", "web");

    [Test]
    public void Old_pods_are_all_gone_before_the_first_new_pod_is_created()
    {
        var cluster = DeploymentRolloutTests.BuildCluster();
        cluster.Client("kubectl").Create(DeploymentRolloutTests.NewDeployment(4, new DeploymentStrategy { Recreate = true }, "nginx:1.27", 0));
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(30), () =>
        {
            var deployment = cluster.Api.Get<Deployment>(WebKey)!;
            var container = deployment.Spec.Template.Spec.Containers[0] with { Image = "nginx:1.28" };
            var updated = deployment with { Spec = deployment.Spec with { Template = deployment.Spec.Template with { Spec = deployment.Spec.Template.Spec with { Containers = [container] } } } };
            Assert.That(cluster.Client("kubectl").Update(updated, "image nginx:1.28").IsOk, Is.True);
        });

        var checker = new InvariantChecker(cluster.Api);
        var sawDowntime = false;
        while (cluster.Simulation.Now < SimTime.FromSeconds(90) && cluster.Simulation.RunEvents(1) != StopReason.Idle)
        {
            checker.Check();
            var pods = cluster.Api.List(Pod.KindName).Cast<Pod>().Where(p => p.Status.Phase is not (PodPhase.Succeeded or PodPhase.Failed)).ToList();
            var oldPods = pods.Count(p => Image(p) == "nginx:1.27");
            var newPods = pods.Count(p => Image(p) == "nginx:1.28");
            if (oldPods > 0 && newPods > 0)
            {
                Assert.Fail($"{oldPods} old and {newPods} new pods at {cluster.Simulation.Now}: Recreate never mixes versions");
            }

            sawDowntime |= cluster.Simulation.Now > SimTime.FromSeconds(30) && pods.Count == 0;
        }

        var final = DeploymentRolloutTests.ActivePods(cluster);
        var status = cluster.Api.Get<Deployment>(WebKey)!.Status;
        Assert.Multiple(() =>
        {
            Assert.That(sawDowntime, Is.True, "there is a moment with no pod at all");
            Assert.That(final, Has.Count.EqualTo(4));
            Assert.That(final.Select(Image), Is.All.EqualTo("nginx:1.28"));
            Assert.That(final.All(p => p.Status.IsReady), Is.True);
            Assert.That(DeploymentRolloutTests.ReplicaSetsOf(cluster).Select(rs => rs.Spec.Replicas), Is.EqualTo(new[] { 0, 4 }));
            Assert.That(status.AvailableReplicas, Is.EqualTo(4));
        });
    }

    private static string? Image(Pod pod) => pod.Spec.Containers[0].Image;
}
