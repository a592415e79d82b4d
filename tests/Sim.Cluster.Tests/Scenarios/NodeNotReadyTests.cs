using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Cluster.Tests.Scenarios;

/// <summary>A kubelet that reports its node Ready=False (still heartbeating): the not-ready taints and eviction.</summary>
public class NodeNotReadyTests
{
    private static readonly ObjectKey NodeA = new(Node.KindName, string.Empty, "node-a");
    private static readonly ObjectKey WebEndpoints = new(Endpoints.KindName, "default", "web");

    [Test]
    public void A_node_reporting_not_ready_is_tainted_and_its_pods_are_replaced_after_300_s()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(20), () => cluster.Kubelets["node-a"].ReportNotReady());

        cluster.Simulation.RunUntil(SimTime.FromSeconds(21));
        var node = cluster.Api.Get<Node>(NodeA)!;
        var endpoints = cluster.Api.Get<Endpoints>(WebEndpoints)!.Addresses.Length;
        cluster.Simulation.RunUntil(SimTime.FromSeconds(330));
        var pods = cluster.Api.List(Pod.KindName).Cast<Pod>().Where(p => p.IsActive).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(node.Status.Ready, Is.EqualTo(NodeConditionStatus.False));
            Assert.That(node.Spec.Taints.Select(t => (t.Key, t.Effect)), Is.EquivalentTo(new[]
            {
                (Taint.NotReadyKey, TaintEffect.NoSchedule),
                (Taint.NotReadyKey, TaintEffect.NoExecute),
            }));
            Assert.That(endpoints, Is.Zero);
            Assert.That(cluster.NodeLifecycleController.Evictions, Is.EqualTo(3));
            Assert.That(pods.Select(p => p.Spec.NodeName), Is.All.EqualTo("node-b"));
            Assert.That(pods.Count(p => p.Status.IsReady), Is.EqualTo(3));
        });
    }

    [Test]
    public void A_node_ready_again_within_the_toleration_keeps_its_pods_and_they_serve_again()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(20), () => cluster.Kubelets["node-a"].ReportNotReady());
        cluster.Simulation.ScheduleAt(SimTime.FromSeconds(100), () => cluster.Kubelets["node-a"].ReportReady());

        cluster.Simulation.RunUntil(SimTime.FromSeconds(400));

        Assert.Multiple(() =>
        {
            Assert.That(cluster.Api.Get<Node>(NodeA)!.Spec.Taints, Is.Empty);
            Assert.That(cluster.NodeLifecycleController.Evictions, Is.Zero);
            var addresses = cluster.Api.Get<Endpoints>(WebEndpoints)!.Addresses;
            Assert.That(addresses, Has.Length.EqualTo(3));
            Assert.That(addresses.Select(a => a.NodeName), Is.All.EqualTo("node-a"));
        });
    }
}
