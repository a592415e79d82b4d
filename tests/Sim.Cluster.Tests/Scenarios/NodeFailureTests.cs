using Sim.Cluster.Api;
using Sim.Cluster.Objects;
using Sim.Engine;

namespace Sim.Cluster.Tests.Scenarios;

/// <summary>
/// Step 6 of the life of a workload (ARCHITECTURE.md §1): a node stops reporting, the node lifecycle
/// controller marks it Unknown and taints it, its pods leave the endpoints, are evicted after their
/// default 300 s toleration, and the replication controller replaces them on the other node.
/// </summary>
public class NodeFailureTests
{
    private static readonly ObjectKey NodeA = new(Node.KindName, string.Empty, "node-a");
    private static readonly ObjectKey WebEndpoints = new(Endpoints.KindName, "default", "web");

    [Test]
    public void A_dead_node_is_detected_after_the_grace_period_and_its_pods_are_replaced_after_300_s()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        var simulation = cluster.Simulation;
        simulation.ScheduleAt(SimTime.FromSeconds(25), () => cluster.Kubelets["node-a"].Fail());

        // The last lease renewal is at 20 s; the monitor (every 5 s) first sees it older than 50 s at 75 s.
        simulation.RunUntil(SimTime.FromSeconds(74));
        var beforeDetection = cluster.Api.Get<Node>(NodeA)!;
        simulation.RunUntil(SimTime.FromSeconds(76));
        var detected = cluster.Api.Get<Node>(NodeA)!;
        var endpointsAfterDetection = cluster.Api.Get<Endpoints>(WebEndpoints)!.Addresses.Length;

        // As upstream, the next monitor pass (80 s) sees the node Unknown and queues it in its zone; the
        // next 100 ms tainting pass (80.1 s) adds the NoExecute taint (the zone's bucket is full).
        simulation.RunUntil(SimTime.FromSeconds(81));
        var tainted = cluster.Api.Get<Node>(NodeA)!;

        // The pods tolerate the unreachable taint for 300 s (added at admission): eviction at 380.1 s.
        simulation.RunUntil(SimTime.FromSeconds(380));
        var evictedEarly = ActivePods(cluster).Count(p => p.Spec.NodeName == "node-a");
        simulation.RunUntil(SimTime.FromSeconds(395));
        var replacements = ActivePods(cluster);

        Assert.Multiple(() =>
        {
            Assert.That(beforeDetection.Status.Ready, Is.EqualTo(NodeConditionStatus.True));
            Assert.That(detected.Status.Ready, Is.EqualTo(NodeConditionStatus.Unknown));
            Assert.That(detected.Status.ReadyTransitionAt, Is.EqualTo(SimTime.FromSeconds(75)));
            Assert.That(detected.Spec.Taints.Select(t => (t.Key, t.Effect)), Is.EqualTo(new[] { (Taint.UnreachableKey, TaintEffect.NoSchedule) }));
            Assert.That(tainted.Spec.Taints.Select(t => (t.Key, t.Effect)), Is.EquivalentTo(new[]
            {
                (Taint.UnreachableKey, TaintEffect.NoSchedule),
                (Taint.UnreachableKey, TaintEffect.NoExecute),
            }));
            Assert.That(endpointsAfterDetection, Is.Zero, "pods on an unreachable node are marked not ready");
            Assert.That(evictedEarly, Is.EqualTo(3), "nothing is evicted before the toleration runs out");
            Assert.That(cluster.NodeLifecycleController.Evictions, Is.EqualTo(3));
            Assert.That(replacements, Has.Count.EqualTo(3));
            Assert.That(replacements.Select(p => p.Spec.NodeName), Is.All.EqualTo("node-b"));
            Assert.That(replacements.All(p => p.Status.IsReady), Is.True);
            Assert.That(cluster.Api.Get<Endpoints>(WebEndpoints)!.Addresses, Has.Length.EqualTo(3));
        });

        var taintedAt = cluster.Log.Events.Single(e => e.Change == "tainted unreachable (NoExecute)").Time;
        var evictions = cluster.Log.Events.Where(e => e.Change == "evicted (NoExecute taint)").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(taintedAt, Is.EqualTo(SimTime.FromSeconds(80) + TimeSpan.FromMilliseconds(100)));
            Assert.That(evictions.Select(e => e.Time), Is.All.EqualTo(SimTime.FromSeconds(380) + TimeSpan.FromMilliseconds(100)));
        });
    }

    [Test]
    public void A_recovered_node_removes_the_evicted_pods_and_becomes_ready_again()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        var simulation = cluster.Simulation;
        simulation.ScheduleAt(SimTime.FromSeconds(25), () => cluster.Kubelets["node-a"].Fail());
        simulation.ScheduleAt(SimTime.FromSeconds(400), () => cluster.Kubelets["node-a"].Recover());

        simulation.RunUntil(SimTime.FromSeconds(420));

        var pods = cluster.Api.List(Pod.KindName).Cast<Pod>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(cluster.Api.Get<Node>(NodeA)!.Status.Ready, Is.EqualTo(NodeConditionStatus.True));
            Assert.That(cluster.Api.Get<Node>(NodeA)!.Spec.Taints, Is.Empty);
            Assert.That(pods, Has.Count.EqualTo(3), "the terminating pods are gone");
            Assert.That(pods.All(p => p.Spec.NodeName == "node-b" && p.Status.IsReady), Is.True);
        });
    }

    [Test]
    public void A_node_that_recovers_within_the_toleration_keeps_its_pods()
    {
        var cluster = WorkloadLifeTests.BuildCluster();
        var simulation = cluster.Simulation;
        simulation.ScheduleAt(SimTime.FromSeconds(25), () => cluster.Kubelets["node-a"].Fail());
        simulation.ScheduleAt(SimTime.FromSeconds(200), () => cluster.Kubelets["node-a"].Recover());

        simulation.RunUntil(SimTime.FromSeconds(500));

        var pods = ActivePods(cluster);
        Assert.Multiple(() =>
        {
            Assert.That(cluster.NodeLifecycleController.Evictions, Is.Zero);
            Assert.That(pods, Has.Count.EqualTo(3));
            Assert.That(pods.All(p => p.Spec.NodeName == "node-a" && p.Status.IsReady), Is.True, "restarted in place");
        });
    }

    private static List<Pod> ActivePods(SimulatedCluster cluster) =>
        cluster.Api.List(Pod.KindName).Cast<Pod>().Where(p => p.IsActive).ToList();
}
